package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void comparesWithTheBestEpochNotThePreviousOne() {
        EarlyStopping s = new EarlyStopping(TrainingSpec.Monitor.VAL_LOSS, 2, 0, 0, 0);
        assertThat(s.record(1, 1.00)).isTrue();
        assertThat(s.record(2, 0.90)).isTrue();
        // 0.95 then 0.93: each improves on the previous epoch but not on the best (0.90).
        assertThat(s.record(3, 0.95)).isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.record(4, 0.93)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(s.bestValue()).isEqualTo(0.90);
    }

    @Test
    void accuracyIsBetterWhenHigherAndPatienceZeroNeverStops() {
        EarlyStopping s = new EarlyStopping(TrainingSpec.Monitor.VAL_ACCURACY, 0, 0, 0, 0);
        assertThat(s.record(1, 0.5)).isTrue();
        assertThat(s.record(2, 0.4)).isFalse();
        assertThat(s.record(3, 0.6)).isTrue();
        for (int e = 4; e < 50; e++) {
            s.record(e, 0.1);
        }
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestEpoch()).isEqualTo(3);
    }

    @Test
    void resumesFromSavedCounters() {
        EarlyStopping s = new EarlyStopping(TrainingSpec.Monitor.VAL_LOSS, 3, 5, 0.7, 2);
        assertThat(s.record(8, 0.71)).isFalse();
        assertThat(s.shouldStop()).isTrue();
    }
}
