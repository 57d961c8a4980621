package org.fer4j.camera;

import java.util.Objects;
import org.fer4j.core.EmotionLabels;

/**
 * What a {@link FrameSink} learns when the camera opens its source, before the first frame. Immutable.
 *
 * @param description the source, for example {@code "video talk.mp4"}
 * @param frameRate frames per second, or 0 when the source has none (images) or does not say
 * @param video true for cameras, videos and streams; false for images and image folders
 * @param labels the classifier's labels, in the order of {@code EmotionPrediction.probabilities()}
 */
public record SourceInfo(String description, double frameRate, boolean video, EmotionLabels labels) {

    /**
     * Checks that nothing is null.
     *
     * @param description the source description
     * @param frameRate frames per second, or 0
     * @param video whether the source is a video
     * @param labels the classifier's labels
     */
    public SourceInfo {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(labels, "labels");
    }
}
