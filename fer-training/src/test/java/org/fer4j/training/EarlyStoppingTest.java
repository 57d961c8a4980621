// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    private EpochRecord current;

    private EarlyStopping stopping(
            TrainingSpec.Monitor monitor, int patience, int bestEpoch, double bestValue, int sinceBest) {
        return new EarlyStopping(() -> current, monitor, patience, bestEpoch, bestValue, sinceBest);
    }

    /** Ends an epoch with the given validation figures, as the trainer's listeners see it; true when best. */
    private boolean epoch(EarlyStopping s, int epoch, double valLoss, double valAccuracy) {
        current = new EpochRecord(epoch, 1.0, 0.5, valLoss, valAccuracy, 0.001, 1.0);
        s.onEpoch(null);
        return s.lastWasBest();
    }

    @Test
    void comparesWithTheBestEpochNotThePreviousOne() {
        EarlyStopping s = stopping(TrainingSpec.Monitor.VAL_LOSS, 2, 0, 0, 0);
        assertThat(epoch(s, 1, 1.00, 0.1)).isTrue();
        assertThat(epoch(s, 2, 0.90, 0.1)).isTrue();
        // 0.95 then 0.93: each improves on the previous epoch but not on the best (0.90).
        assertThat(epoch(s, 3, 0.95, 0.9)).isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(epoch(s, 4, 0.93, 0.9)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(s.bestValue()).isEqualTo(0.90);
        assertThat(s.sinceBest()).isEqualTo(2);
    }

    @Test
    void accuracyIsBetterWhenHigherAndPatienceZeroNeverStops() {
        EarlyStopping s = stopping(TrainingSpec.Monitor.VAL_ACCURACY, 0, 0, 0, 0);
        assertThat(epoch(s, 1, 9, 0.5)).isTrue();
        assertThat(epoch(s, 2, 0.1, 0.4)).isFalse();
        assertThat(epoch(s, 3, 9, 0.6)).isTrue();
        for (int e = 4; e < 50; e++) {
            epoch(s, e, 0.01, 0.1);
        }
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestEpoch()).isEqualTo(3);
    }

    @Test
    void resumesFromSavedCounters() {
        EarlyStopping s = stopping(TrainingSpec.Monitor.VAL_LOSS, 3, 5, 0.7, 2);
        assertThat(epoch(s, 8, 0.71, 0.5)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(5);
    }
}
