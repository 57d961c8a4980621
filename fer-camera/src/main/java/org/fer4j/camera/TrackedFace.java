// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.inference.EmotionPrediction;

/**
 * One face of a video, camera or image-folder frame as {@link EmotionCamera} delivers it: where it is, what it
 * shows, and which track (the same face followed across frames) it belongs to. A face of a single photo from
 * {@link FaceAnalyzer} is an {@link AnalyzedFace}, which has no track; both hold the detector's
 * {@link FaceDetection}. Immutable.
 *
 * @param track the track id, the same for a face followed across frames by box overlap (from 1)
 * @param detection the face as detected: box in frame pixels (without the classification margin), score
 *     and landmarks
 * @param prediction the emotion probabilities; smoothed over the track when smoothing is on
 * @param fresh true when the face was classified in this frame; false when it shows the prediction of an
 *     earlier frame of its track (the camera classifies a limited number of faces per frame, and frames it
 *     does not analyse carry the last analysed frame's faces)
 */
public record TrackedFace(int track, FaceDetection detection, EmotionPrediction prediction, boolean fresh) {

    /**
     * Checks that nothing is null.
     *
     * @param track the track id, from 1
     * @param detection the face as detected
     * @param prediction the emotion probabilities
     * @param fresh whether the face was classified in this frame
     */
    public TrackedFace {
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

    /**
     * Returns this face as carried into a frame that was not analysed: the same face, not fresh.
     *
     * @return the face with {@code fresh} false
     */
    TrackedFace carried() {
        return fresh ? new TrackedFace(track, detection, prediction, false) : this;
    }
}
