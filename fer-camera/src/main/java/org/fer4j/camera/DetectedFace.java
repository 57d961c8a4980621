package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.inference.EmotionPrediction;

/**
 * One face of a frame: where it is, what it shows and which tracked face it is. Immutable.
 *
 * @param track the track id, the same for a face followed across frames by box overlap (from 1)
 * @param box the face rectangle as detected, in frame pixels (without the classification margin)
 * @param prediction the emotion probabilities; smoothed over the track when smoothing is on
 */
public record DetectedFace(int track, FaceBox box, EmotionPrediction prediction) {

    /**
     * Checks that nothing is null.
     *
     * @param track the track id, from 1
     * @param box the face rectangle
     * @param prediction the emotion probabilities
     */
    public DetectedFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(prediction, "prediction");
    }
}
