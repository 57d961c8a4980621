// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.inference.EmotionPrediction;

/**
 * One face of a photo as {@link FaceAnalyzer} returns it: the detector's {@link FaceDetection} and the
 * emotion of its crop. Faces of video frames, which are followed across frames, are {@link TrackedFace}s.
 * Immutable.
 *
 * @param detection the face as detected: box in image pixels (without the classification margin), score
 *     and landmarks
 * @param prediction the emotion probabilities of the face's aligned crop
 */
public record AnalyzedFace(FaceDetection detection, EmotionPrediction prediction) {

    /**
     * Checks that nothing is null.
     *
     * @param detection the face as detected
     * @param prediction the emotion probabilities
     */
    public AnalyzedFace {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(prediction, "prediction");
    }

    /**
     * Returns the face rectangle as detected, in image pixels.
     *
     * @return the detection's box
     */
    public FaceBox box() {
        return detection.box();
    }
}
