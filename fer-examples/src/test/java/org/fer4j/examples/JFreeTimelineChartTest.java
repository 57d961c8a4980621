// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class JFreeTimelineChartTest {

    @Test
    void drawsEachSharesAreaInItsEmotionsColour() {
        Color happy = new Color(255, 215, 0);
        Color sad = new Color(30, 130, 220);
        // Ten seconds, all happy faces: the plot is filled with happy's colour and none of sad's.
        double[][] shares = new double[10][];
        for (int s = 0; s < shares.length; s++) {
            shares[s] = new double[] {1, 0};
        }
        BufferedImage image = new JFreeTimelineChart()
                .draw("Emotions over time: video a.mp4", List.of("happy", "sad"), List.of(happy, sad), shares);
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(420);
        int happyPixels = 0;
        int sadPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                happyPixels += rgb == (happy.getRGB() & 0xFFFFFF) ? 1 : 0;
                sadPixels += rgb == (sad.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        assertThat(happyPixels)
                .as("most of the 1000x420 chart is the plot area")
                .isGreaterThan(200_000);
        assertThat(sadPixels).as("only sad's small legend key").isLessThan(500);
    }
}
