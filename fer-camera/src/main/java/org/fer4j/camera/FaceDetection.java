// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.Objects;
import java.util.Optional;

/**
 * One face found by a {@link FaceDetector}: its box, the detector's confidence and, when the detector
 * gives them, the five landmarks; no emotion yet ({@link AnalyzedFace} and {@link TrackedFace} add it).
 * Immutable.
 *
 * @param box the face rectangle, clipped to the frame
 * @param score the detector's confidence, 0 to 1; 1 for detectors that give none (the Haar cascade keeps
 *     or drops a face without a score)
 * @param landmarks the eyes, nose tip and mouth corners, or empty when the detector gives none (Haar)
 */
public record FaceDetection(FaceBox box, double score, Optional<FaceLandmarks> landmarks) {

    /**
     * Checks the values.
     *
     * @param box the face rectangle
     * @param score the confidence, 0 to 1
     * @param landmarks the landmarks, or empty
     * @throws IllegalArgumentException if the score is not in [0, 1]
     */
    public FaceDetection {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("A detection score is in [0, 1], got " + score);
        }
    }

    /**
     * Returns a detection with only a box, as detectors without scores or landmarks report it.
     *
     * @param box the face rectangle
     * @return the detection, with score 1 and no landmarks
     */
    public static FaceDetection of(FaceBox box) {
        return new FaceDetection(box, 1, Optional.empty());
    }
}
