// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.core.EmotionLabels;

/**
 * What fer4j's own sinks learn when the camera opens its source, before the first frame. Immutable.
 *
 * @param description the source, for example {@code "video talk.mp4"}
 * @param frameRate frames per second, or 0 when the source has none (images) or does not say
 * @param video true for cameras, videos and streams; false for images and image folders
 * @param labels the classifier's labels, in the order of {@code EmotionPrediction.probabilities()}
 */
record SourceInfo(String description, double frameRate, boolean video, EmotionLabels labels) {

    SourceInfo {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(labels, "labels");
    }
}
