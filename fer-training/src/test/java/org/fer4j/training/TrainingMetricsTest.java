// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMetricsTest {

    @TempDir
    Path tmp;

    @Test
    void everyPhaseOfEveryBatchIsTimedAndTheyFitInTheRun() throws IOException {
        // 3 classes x 24 images in batches of 16: 5 batches an epoch, 10 in two epochs.
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), List.of("sad", "angry", "happy"), 24, 6);
        TrainingSpec spec = TrainingSpec.builder()
                .optEpochs(2)
                .optBatchSize(16)
                .optSeed(3)
                .optOptimizer(TrainingSpec.Optimizer.NESTEROV)
                .optAugmentation(Augmentation.standard())
                .optAverageDecay(0.9f)
                .build();
        Metrics metrics = new Metrics();
        long start = System.nanoTime();
        new FerTrainer(metrics).train(spec, data, tmp.resolve("run"), TrainingProgress.NONE);
        long elapsed = System.nanoTime() - start;

        Map<String, Integer> perRun = Map.of(
                "batch-build",
                10,
                "batch-wait",
                10,
                "to-arrays",
                10,
                "train-batch",
                10,
                "forward",
                10,
                "backward",
                10,
                "training-metrics",
                10,
                "step",
                10,
                "weight-average",
                10,
                "epoch-end",
                2);
        assertThat(metrics.getMetricNames()).containsExactlyInAnyOrderElementsOf(perRun.keySet());
        double trainingThread = 0;
        for (Map.Entry<String, Integer> e : perRun.entrySet()) {
            List<Metric> values = metrics.getMetric(e.getKey());
            assertThat(values).as(e.getKey()).hasSize(e.getValue());
            assertThat(values).as(e.getKey()).allMatch(m -> m.getValue() > 0);
            // forward, backward and DJL's bookkeeping are timed inside train-batch; the batch thread runs beside.
            if (List.of("batch-wait", "to-arrays", "train-batch", "step", "weight-average", "epoch-end")
                    .contains(e.getKey())) {
                trainingThread += values.stream().mapToDouble(Metric::getValue).sum();
            }
        }
        assertThat(trainingThread).isLessThan((double) elapsed);
        assertThat(sum(metrics, "forward") + sum(metrics, "backward")).isLessThan(sum(metrics, "train-batch"));
    }

    @Test
    void timingTheBatchesDoesNotChangeTheTraining() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), List.of("sad", "happy"), 12, 4);
        TrainingSpec spec =
                TrainingSpec.builder().optEpochs(1).optBatchSize(8).optSeed(5).build();
        TrainingResult plain = new FerTrainer().train(spec, data, tmp.resolve("plain"), TrainingProgress.NONE);
        TrainingResult timed =
                new FerTrainer(new Metrics()).train(spec, data, tmp.resolve("timed"), TrainingProgress.NONE);
        assertThat(timed.validationLoss()).isCloseTo(plain.validationLoss(), within(1e-4));
        assertThat(timed.history().get(0).loss())
                .isCloseTo(plain.history().get(0).loss(), within(1e-4));
    }

    private static double sum(Metrics metrics, String name) {
        return metrics.getMetric(name).stream().mapToDouble(Metric::getValue).sum();
    }
}
