package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.inference.EmotionPrediction;

/**
 * One face of a frame: where it is, what it shows and which tracked face it is. Immutable.
 *
 * @param track the track id, the same for a face followed across frames by box overlap (from 1)
 * @param detection the face as detected: box in frame pixels (without the classification margin), score
 *     and landmarks
 * @param prediction the emotion probabilities; smoothed over the track when smoothing is on
 */
public record DetectedFace(int track, FaceDetection detection, EmotionPrediction prediction) {

    /**
     * Checks that nothing is null.
     *
     * @param track the track id, from 1
     * @param detection the face as detected
     * @param prediction the emotion probabilities
     */
    public DetectedFace {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(prediction, "prediction");
    }

    /**
     * Returns the face rectangle as detected, in frame pixels.
     *
     * @return the detection's box
     */
    public FaceBox box() {
        return detection.box();
    }
}
