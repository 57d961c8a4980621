// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreyImageTest {

    @Test
    void packedBgrPixelsBecomeTheSameGreyAsTheSameColourImage() {
        // A colour frame as OpenCV holds it (B, G, R bytes) and the same pixels as a Java image.
        int w = 7;
        int h = 5;
        Random random = new Random(3);
        byte[] bgr = new byte[w * h * 3];
        random.nextBytes(bgr);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                image.setRGB(x, y, (bgr[i + 2] & 0xFF) << 16 | (bgr[i + 1] & 0xFF) << 8 | (bgr[i] & 0xFF));
            }
        }
        GreyImage fromFrame = GreyImage.fromPixels(bgr, w, h, 3);
        assertThat(fromFrame).isEqualTo(GreyImage.of(image));
        // BT.601 on the first pixel, by hand.
        float expected = 0.299f * (bgr[2] & 0xFF) + 0.587f * (bgr[1] & 0xFF) + 0.114f * (bgr[0] & 0xFF);
        assertThat(fromFrame.levels()[0]).isCloseTo(expected, within(1e-4f));
        // A fourth (alpha) byte changes nothing.
        byte[] bgra = new byte[w * h * 4];
        for (int p = 0; p < w * h; p++) {
            System.arraycopy(bgr, 3 * p, bgra, 4 * p, 3);
            bgra[4 * p + 3] = (byte) random.nextInt();
        }
        assertThat(GreyImage.fromPixels(bgra, w, h, 4)).isEqualTo(fromFrame);
    }

    @Test
    void keepsACopyAndChecksSizes() {
        float[] levels = {1, 2, 3, 4, 5, 6};
        GreyImage g = GreyImage.of(levels, 3, 2);
        levels[0] = 99;
        assertThat(g.levels()[0]).isEqualTo(1f);
        g.levels()[1] = 99;
        assertThat(g.levels()[1]).isEqualTo(2f);
        assertThat(g.width()).isEqualTo(3);
        assertThat(g.height()).isEqualTo(2);
        assertThatThrownBy(() -> GreyImage.of(levels, 4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x2");
        assertThatThrownBy(() -> GreyImage.fromPixels(new byte[6], 3, 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channels");
    }
}
