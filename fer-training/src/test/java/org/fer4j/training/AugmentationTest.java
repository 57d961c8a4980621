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

    @Test
    void rejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> Augmentation.builder().optRotation(90)).hasMessageContaining("rotation");
        assertThatThrownBy(() -> Augmentation.builder().optErasing(-0.1f)).hasMessageContaining("erasing");
    }
}
