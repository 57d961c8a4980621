// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static float[] ramp() {
        float[] img = new float[48 * 48];
        for (int i = 0; i < img.length; i++) {
            img[i] = (i % 48) / 47f;
        }
        return img;
    }

    @Test
    void noneCopiesExactly() {
        float[] src = ramp();
        float[] dst = new float[src.length];
        Augmentation.NONE.apply(src, dst, new Random(1));
        assertThat(dst).containsExactly(src);
        assertThat(Augmentation.NONE.isNone()).isTrue();
    }

    @Test
    void flipMirrorsRowsAboutHalfTheTime() {
        Augmentation flip = Augmentation.builder().optFlip(true).build();
        float[] src = ramp();
        float[] dst = new float[src.length];
        Random random = new Random(5);
        int mirrored = 0;
        for (int i = 0; i < 200; i++) {
            flip.apply(src, dst, random);
            if (dst[0] == src[47]) {
                mirrored++;
                assertThat(dst[47]).isEqualTo(src[0]);
            } else {
                assertThat(dst).containsExactly(src);
            }
        }
        assertThat(mirrored).isBetween(70, 130);
    }

    @Test
    void standardRecipeStaysInRangeAndRepeatsWithTheSameSeed() {
        Augmentation a = Augmentation.standard();
        float[] src = ramp();
        float[] one = new float[src.length];
        float[] two = new float[src.length];
        a.apply(src, one, new Random(9));
        a.apply(src, two, new Random(9));
        assertThat(one).containsExactly(two);
        assertThat(one).isNotEqualTo(src);
        for (float v : one) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(Augmentation.fromDescription(a.describe()).describe()).isEqualTo(a.describe());
    }

    private static float[] checkerboard() {
        float[] img = new float[48 * 48];
        for (int i = 0; i < img.length; i++) {
            img[i] = ((i % 48) / 4 + (i / 48) / 4) % 2 == 0 ? 0.2f : 0.8f;
        }
        return img;
    }

    private static double variance(float[] img) {
        double mean = 0;
        for (float v : img) {
            mean += v / img.length;
        }
        double var = 0;
        for (float v : img) {
            var += (v - mean) * (v - mean) / img.length;
        }
        return var;
    }

    /** Each degradation changes about half of the images, in its own direction, and stays in range. */
    @Test
    void photoDegradationsActOnHalfTheImagesInTheirOwnWay() {
        float[] src = checkerboard();
        int[] changed = new int[4];
        Random random = new Random(11);
        for (int round = 0; round < 100; round++) {
            float[] blurred = src.clone();
            PhotoDegradation.blur(blurred, 1.5f, random);
            float[] noisy = src.clone();
            PhotoDegradation.noise(noisy, 0.05f, random);
            float[] gamma = src.clone();
            PhotoDegradation.gamma(gamma, 0.5f, random);
            float[] jpeg = src.clone();
            PhotoDegradation.jpeg(jpeg, 10, random);
            if (!java.util.Arrays.equals(blurred, src)) {
                changed[0]++;
                // Blur only averages neighbours: contrast falls, the mean stays.
                assertThat(variance(blurred)).isLessThanOrEqualTo(variance(src) + 1e-6);
            }
            if (!java.util.Arrays.equals(noisy, src)) {
                changed[1]++;
            }
            if (!java.util.Arrays.equals(gamma, src)) {
                changed[2]++;
                // One power for the whole image: the order of pixel values is kept.
                assertThat(gamma[0] < gamma[4]).isEqualTo(src[0] < src[4]);
            }
            if (!java.util.Arrays.equals(jpeg, src)) {
                changed[3]++;
                double error = 0;
                for (int i = 0; i < src.length; i++) {
                    error += Math.abs(jpeg[i] - src[i]) / src.length;
                }
                assertThat(error).as("mean JPEG error").isLessThan(0.1);
            }
            for (float[] img : new float[][] {blurred, noisy, gamma, jpeg}) {
                for (float v : img) {
                    assertThat(v).isBetween(0f, 1f);
                }
            }
        }
        for (int c : changed) {
            assertThat(c).isBetween(30, 70);
        }
    }

    @Test
    void robustRecipeRoundTripsAndOlderSettingsReadWithoutDegradations() {
        Augmentation robust = Augmentation.robust();
        assertThat(Augmentation.fromDescription(robust.describe())).isEqualTo(robust);
        assertThat(robust.describe()).containsEntry("jpegMinQuality", 30).containsKey("blurSigma");
        // A run saved before the degradations existed has no such keys: it reads back as it was trained.
        assertThat(Augmentation.standard().describe()).doesNotContainKeys("gamma", "blurSigma", "noiseSigma");
        assertThat(Augmentation.fromDescription(Augmentation.standard().describe()))
                .isEqualTo(Augmentation.standard());
        float[] one = new float[48 * 48];
        float[] two = new float[48 * 48];
        robust.apply(ramp(), one, new Random(4));
        robust.apply(ramp(), two, new Random(4));
        assertThat(one).containsExactly(two);
    }

    @Test
    void rejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> Augmentation.builder().optJpegQuality(3)).hasMessageContaining("JPEG");
        assertThatThrownBy(() -> Augmentation.builder().optBlur(5)).hasMessageContaining("blur");
        assertThatThrownBy(() -> Augmentation.builder().optRotation(90)).hasMessageContaining("rotation");
        assertThatThrownBy(() -> Augmentation.builder().optErasing(-0.1f)).hasMessageContaining("erasing");
    }
}
