// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.metric.Metrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {

    @Test
    void theProfileGivesMillisecondsPerBatchWithTheListenersApartFromWhatDjlTimesInsideTrainBatch() {
        Metrics m = new Metrics();
        for (int b = 0; b < 4; b++) {
            m.addMetric("batch-build", 3_000_000L);
            m.addMetric("batch-wait", 1_000_000L);
            m.addMetric("to-arrays", 500_000L);
            m.addMetric("forward", 100_000_000L);
            m.addMetric("backward", 200_000_000L);
            m.addMetric("training-metrics", 10_000L);
            m.addMetric("train-batch", 302_010_000L); // 2 ms more than DJL's three: the listeners
            m.addMetric("step", 20_000_000L);
        }
        m.addMetric("epoch-end", 40_000_000L); // once: 10 ms per batch over 4 batches

        List<BenchmarkRow> rows = TrainingBenchmark.profile(m, "p: ");

        assertThat(rows)
                .extracting(BenchmarkRow::benchmark)
                .containsExactly(
                        "p: building the batch (batch thread, alongside the rest)",
                        "p: waiting for the batch thread",
                        "p: host arrays to tensors",
                        "p: forward",
                        "p: loss and backward",
                        "p: DJL's batch bookkeeping",
                        "p: listeners (running loss and accuracy)",
                        "p: optimiser step",
                        "p: end of epoch (validation, history, checkpoint), spread over the batches",
                        "p: the training thread's phases together");
        assertThat(rows)
                .extracting(BenchmarkRow::value)
                .containsExactly(3.0, 1.0, 0.5, 100.0, 200.0, 0.01, 2.0, 20.0, 10.0, 333.51);
    }
}
