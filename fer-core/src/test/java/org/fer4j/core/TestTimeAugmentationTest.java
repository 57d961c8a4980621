// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestTimeAugmentationTest {

    private static float[] randomInput() {
        Random random = new Random(5);
        float[] input = new float[Preprocessing.PIXELS];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextFloat();
        }
        return input;
    }

    @Test
    void theWholeInputIsItsOwnSingleView() {
        float[] input = randomInput();
        assertThat(TestTimeAugmentation.NONE.views(input)).containsExactly(input);
        assertThat(TestTimeAugmentation.NONE.views(input, 48)).containsExactly(input);
    }

    @Test
    void aCentreCropIsTheMiddleSquareScaledBackBeforeTheViews() {
        float[] input = randomInput();
        float[] centre = Preprocessing.crop(input, 1, 1, 46);
        assertThat(TestTimeAugmentation.NONE.views(input, 46)).singleElement().isEqualTo(centre);
        List<float[]> crops = TestTimeAugmentation.TEN_CROP.views(input, 46);
        assertThat(crops).hasSize(10);
        assertThat(crops.get(0)).isEqualTo(Preprocessing.crop(centre, 0, 0, TestTimeAugmentation.CROP_SIDE));
        List<float[]> flip = TestTimeAugmentation.FLIP.views(input, 44);
        assertThat(flip.get(0)).isEqualTo(Preprocessing.crop(input, 2, 2, 44));
        // The mirror of the crop, not the crop of the mirror: column 0 of one is column 47 of the other.
        assertThat(flip.get(1)[0]).isEqualTo(flip.get(0)[47]);
    }

    @Test
    void centreCropsAreEvenAndAtLeastHalfTheInput() {
        assertThat(TestTimeAugmentation.checkCentreCrop(24)).isEqualTo(24);
        for (int bad : new int[] {47, 22, 50, 0, -2}) {
            assertThatThrownBy(() -> TestTimeAugmentation.checkCentreCrop(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("got " + bad);
        }
        assertThatThrownBy(() -> TestTimeAugmentation.NONE.views(randomInput(), 45))
                .hasMessageContaining("even side");
        assertThatThrownBy(() -> new InferenceSettings(TestTimeAugmentation.NONE, null, null, 30 + 1))
                .hasMessageContaining("got 31");
    }
}
