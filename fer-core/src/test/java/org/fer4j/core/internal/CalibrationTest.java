// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void scalingIsTheSoftmaxOfLogProbabilitiesOverT() {
        float[] p = {0.5f, 0.25f, 0.25f, 0.9f, 0.1f, 0f};
        assertThat(Calibration.atTemperature(p, 3, 1)).containsExactly(p, within(1e-7f));
        float[] t2 = Calibration.atTemperature(p, 3, 2);
        double s = Math.sqrt(0.5) + 2 * Math.sqrt(0.25);
        assertThat(t2[0]).isCloseTo((float) (Math.sqrt(0.5) / s), within(1e-7f));
        assertThat(t2[1]).isCloseTo((float) (0.5 / s), within(1e-7f));
        // A zero probability stays (numerically) zero and the row still sums to 1.
        assertThat(t2[3] + t2[4] + t2[5]).isCloseTo(1f, within(1e-6f));
        assertThat(t2[3]).isCloseTo((float) (Math.sqrt(0.9) / (Math.sqrt(0.9) + Math.sqrt(0.1))), within(1e-6f));
        assertThatThrownBy(() -> Calibration.atTemperature(p, 3, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Calibration.atTemperature(p, 4, 1)).hasMessageContaining("rows of 4");
    }

    @Test
    void negativeLogLikelihoodByHand() {
        float[] p = {0.5f, 0.25f, 0.25f, 0.8f, 0.1f, 0.1f};
        int[] y = {1, 0};
        assertThat(Calibration.negativeLogLikelihood(p, y, 3, 1))
                .isCloseTo(-(Math.log(0.25) + Math.log(0.8)) / 2, within(1e-6));
    }

    /** Over-confident probabilities (the true ones sharpened by T = 1/2.5) are recovered by fitting T near 2.5. */
    @Test
    void fitsTheTemperatureThatUndoesOverconfidence() {
        Random random = new Random(7);
        int n = 20_000;
        int k = 4;
        float[] truth = new float[n * k];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] logits = new double[k];
            double z = 0;
            for (int c = 0; c < k; c++) {
                logits[c] = random.nextGaussian() * 1.5;
                z += Math.exp(logits[c]);
            }
            double u = random.nextDouble();
            double cumulative = 0;
            labels[i] = k - 1;
            for (int c = 0; c < k; c++) {
                truth[i * k + c] = (float) (Math.exp(logits[c]) / z);
                cumulative += truth[i * k + c];
                if (u < cumulative && labels[i] == k - 1 && cumulative - truth[i * k + c] <= u) {
                    labels[i] = c;
                }
            }
        }
        float[] overconfident = Calibration.atTemperature(truth, k, 1 / 2.5);
        double t = Calibration.fitTemperature(overconfident, labels, k);
        assertThat(t).isCloseTo(2.5, within(0.1));
        assertThat(Calibration.negativeLogLikelihood(overconfident, labels, k, t))
                .isLessThan(Calibration.negativeLogLikelihood(overconfident, labels, k, 1));
        // Calibrated probabilities need no change.
        assertThat(Calibration.fitTemperature(truth, labels, k)).isCloseTo(1, within(0.05));
    }
}
