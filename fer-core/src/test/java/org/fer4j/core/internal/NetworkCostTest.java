// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkCostTest {

    @Test
    void countsTheConvolutionsAndDenseLayersOfVgg48ByHand() {
        long byHand = 48L * 48 * 32 * 1 * 9
                + 48L * 48 * 32 * 32 * 9 // stage 1 at 48x48
                + 24L * 24 * 64 * 32 * 9
                + 24L * 24 * 64 * 64 * 9 // stage 2 at 24x24
                + 12L * 12 * 128 * 64 * 9
                + 12L * 12 * 128 * 128 * 9 // stage 3 at 12x12
                + 6L * 6 * 256 * 128 * 9
                + 6L * 6 * 256 * 256 * 9 // stage 4 at 6x6
                + 3L * 3 * 256 * 256
                + 256L * 7; // dense 2304 -> 256 -> 7
        assertThat(NetworkCost.multiplyAdds("vgg-48", 7)).isEqualTo(byHand).isEqualTo(118_040_320L);
        // Its squeeze-and-excitation variant adds two dense layers per stage, C -> C/8 -> C.
        long gates = 0;
        for (long c : new long[] {32, 64, 128, 256}) {
            gates += 2 * c * (c / 8);
        }
        assertThat(NetworkCost.multiplyAdds("vgg-48-se", 7))
                .isEqualTo(byHand + gates)
                .isEqualTo(118_062_080L);
    }

    @Test
    void countsBothBranchesOfResidualBlocks() {
        // resnet-s: a 3x3 stem, then per stage two basic blocks of two 3x3 convolutions; the first block of
        // stages 2-4 halves the size and has a 1x1 projection shortcut; global pooling, then dense 256 -> 7.
        long byHand = 48L * 48 * 32 * 9;
        int[] widths = {32, 64, 128, 256};
        int[] sizes = {48, 24, 12, 6};
        int in = 32;
        for (int s = 0; s < 4; s++) {
            long hw = (long) sizes[s] * sizes[s];
            byHand += hw * widths[s] * in * 9 + hw * widths[s] * widths[s] * 9 + 2 * hw * widths[s] * widths[s] * 9;
            if (in != widths[s]) {
                byHand += hw * widths[s] * in;
            }
            in = widths[s];
        }
        byHand += 256L * 7;
        assertThat(NetworkCost.multiplyAdds("resnet-s", 7)).isEqualTo(byHand).isEqualTo(312_092_416L);
    }
}
