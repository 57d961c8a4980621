// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FaceBoxTest {

    @Test
    void iouOfSameDisjointAndHalfOverlappingBoxes() {
        FaceBox a = new FaceBox(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new FaceBox(10, 0, 10, 10))).isZero(); // touching edges share no pixel
        // Overlap 5x10 = 50; union 100 + 100 - 50 = 150.
        assertThat(a.iou(new FaceBox(5, 0, 10, 10))).isCloseTo(50.0 / 150, within(1e-12));
    }

    @Test
    void expandGrowsEverySideAndClipsToTheFrame() {
        // 10% of 100 = 10 pixels per side.
        assertThat(new FaceBox(50, 50, 100, 100).expand(0.1, 640, 480)).isEqualTo(new FaceBox(40, 40, 120, 120));
        // Near the top-left corner, clipped at 0; near the right edge, clipped at the width.
        assertThat(new FaceBox(5, 0, 100, 100).expand(0.1, 640, 480)).isEqualTo(new FaceBox(0, 0, 115, 110));
        assertThat(new FaceBox(590, 10, 50, 50).expand(0.2, 640, 480)).isEqualTo(new FaceBox(580, 0, 60, 70));
    }

    @Test
    void rejectsEmptyBoxes() {
        assertThatThrownBy(() -> new FaceBox(0, 0, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x5");
    }
}
