package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void handComputedLossAndAccuracy() {
        // Row 0: equal logits -> loss ln 2, arg-max 0 (first wins ties), label 0: correct.
        // Row 1: logits (0, ln 3) -> p(label 1) = 3/4 -> loss ln(4/3); label 0: wrong.
        float[] logits = {0f, 0f, 0f, (float) Math.log(3)};
        long[] labels = {0, 0};
        assertThat(Metrics.correct(logits, labels, 2)).isEqualTo(1);
        assertThat(Metrics.crossEntropySum(logits, labels, 2)).isCloseTo(Math.log(2) + Math.log(4), within(1e-6));
        assertThat(Metrics.crossEntropySum(logits, new long[] {1, 1}, 2))
                .isCloseTo(Math.log(2) + Math.log(4.0 / 3), within(1e-6));
    }

    @Test
    void learningRateScheduleWarmsUpAndDecays() {
        TrainingSpec spec = TrainingSpec.builder().optEpochs(10).optLearningRate(0.1f).optWarmupEpochs(2)
                .optSchedule(TrainingSpec.Schedule.COSINE).build();
        assertThat(spec.learningRateAt(1)).isCloseTo(0.05f, within(1e-6f));
        assertThat(spec.learningRateAt(2)).isCloseTo(0.1f, within(1e-6f));
        assertThat(spec.learningRateAt(6)).isCloseTo(0.05f, within(1e-6f));
        assertThat(spec.learningRateAt(10)).isCloseTo(0f, within(1e-6f));
        assertThat(TrainingSpec.fromDescription(spec.describe()).describe()).isEqualTo(spec.describe());
    }
}
