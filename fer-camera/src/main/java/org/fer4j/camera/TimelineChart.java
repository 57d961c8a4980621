package org.fer4j.camera;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws the timeline chart of {@link Sinks#summary(java.nio.file.Path, java.nio.file.Path, TimelineChart)}:
 * the share of each emotion among the faces of every second of a run. fer-camera draws no charts and
 * depends on no chart library; the {@code fer} app passes one drawn with JFreeChart. The summary sink
 * calls it once, when the run ends, and writes the image it returns.
 */
@FunctionalInterface
public interface TimelineChart {

    /**
     * Returns the chart as an image.
     *
     * @param title the chart's title, naming the source
     * @param labels the emotions, in the order of each second's shares
     * @param colours each emotion's colour as the annotated frames draw it, in label order
     * @param shares for every second from 0 on, the share of each emotion among that second's faces, from 0
     *     to 1 (all 0 for a second without a face)
     * @return the chart
     */
    BufferedImage draw(String title, List<String> labels, List<Color> colours, double[][] shares);
}
