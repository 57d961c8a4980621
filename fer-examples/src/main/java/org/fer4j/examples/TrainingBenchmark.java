// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.metric.Metric;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.Progress;
import org.fer4j.core.internal.Architectures;
import org.fer4j.training.Augmentation;
import org.fer4j.training.FerTrainer;
import org.fer4j.training.TrainingProgress;
import org.fer4j.training.TrainingSpec;

/**
 * Training throughput for {@code fer benchmark}: compute only (pre-built in-memory batches through DJL's
 * {@code Trainer} with fer train's loss and optimiser: forward, backward and optimiser step, each batch's
 * arrays closed) and end to end (one real epoch through {@link FerTrainer}).
 */
final class TrainingBenchmark {

    private static final int CLASSES = 7;

    /** The recorded phases of a batch, by metric name, with what the table calls them. */
    private static final String[][] PHASES = {
        {"batch-build", "building the batch (batch thread, alongside the rest)"},
        {"batch-wait", "waiting for the batch thread"},
        {"to-arrays", "host arrays to tensors"},
        {"forward", "forward"},
        {"backward", "loss and backward"},
        {"training-metrics", "DJL's batch bookkeeping"},
        {"train-batch", "listeners (running loss and accuracy)"},
        {"step", "optimiser step"},
        {"weight-average", "weight average"},
        {"epoch-end", "end of epoch (validation, history, checkpoint), spread over the batches"},
    };

    private TrainingBenchmark() {}

    /**
     * Returns training images per second for {@code architecture} over {@code batches} batches after
     * {@code warmup} untimed ones, reporting the batches done to {@code progress}.
     */
    static double computeOnly(String architecture, int batchSize, int warmup, int batches, Progress progress) {
        Random random = new Random(1);
        float[] pixels = new float[batchSize * Preprocessing.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        long[] labels = new long[batchSize];
        float[] targets = new float[batchSize * CLASSES];
        float[] weights = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(CLASSES);
            targets[i * CLASSES + (int) labels[i]] = 1;
            weights[i] = 1;
        }
        Shape shape = Preprocessing.inputShape(batchSize);
        String stage = "training compute only, " + architecture;
        try (Model model = Model.newInstance("bench", Device.cpu())) {
            Block block = Architectures.build(architecture, CLASSES);
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(
                    FerTrainer.trainingConfig(TrainingSpec.builder().build(), block))) {
                trainer.initialize(shape);
                long start = 0;
                for (int b = 0; b < warmup + batches; b++) {
                    if (b == warmup) {
                        start = System.nanoTime();
                    }
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = bm.create(pixels, shape);
                        NDList y = new NDList(
                                bm.create(labels),
                                bm.create(targets, new Shape(batchSize, CLASSES)),
                                bm.create(weights));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray pred = trainer.forward(new NDList(x), y).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(y, new NDList(pred));
                            gc.backward(loss);
                            loss.getFloat();
                        }
                        trainer.step();
                    }
                    progress.update(stage, b + 1, warmup + batches);
                }
                return (double) batches * batchSize / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * Trains one real epoch on {@code dataRoot} through {@link FerTrainer} with the per-batch work of the
     * bundled recipe (Nesterov momentum, standard augmentation, a weight average) and returns its rows: the
     * images per second (shuffling, augmenting on the batch thread, forward, backward, step; decoding the
     * images first is not counted) and where each batch's milliseconds went, from the trainer's metrics.
     * The run's files go into {@code out}, and the batches done to {@code progress}.
     *
     * @throws IOException if the data cannot be read or the output written
     */
    static List<BenchmarkRow> endToEnd(Path dataRoot, String architecture, int batchSize, Path out, Progress progress)
            throws IOException {
        double[] rate = {0};
        String stage = "training end to end, " + architecture;
        TrainingSpec spec = TrainingSpec.builder()
                .optArchitecture(architecture)
                .optBatchSize(batchSize)
                .optEpochs(1)
                .optOptimizer(TrainingSpec.Optimizer.NESTEROV)
                .optAugmentation(Augmentation.standard())
                .optAverageDecay(0.999f)
                .build();
        Metrics metrics = new Metrics();
        new FerTrainer(metrics).train(spec, dataRoot, out, new TrainingProgress() {
            @Override
            public void onBatch(
                    int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
                rate[0] = imagesPerSecond;
                progress.update(stage, batch, batches);
            }
        });
        String label = "training, end to end (one epoch of " + dataRoot + "), " + architecture + ", batch " + batchSize;
        List<BenchmarkRow> rows = new ArrayList<>();
        rows.add(BenchmarkRow.of(label, rate[0], "images/s"));
        rows.addAll(profile(metrics, label + ", per batch: "));
        return rows;
    }

    /**
     * Returns the mean milliseconds per batch of each phase {@link FerTrainer} recorded, in the order a batch
     * goes through them, the epoch's end spread over its batches, and what the training thread's phases add
     * up to.
     */
    static List<BenchmarkRow> profile(Metrics metrics, String prefix) {
        int batches = metrics.getMetric("train-batch").size();
        Map<String, Double> ms = new HashMap<>();
        for (String[] phase : PHASES) {
            ms.put(
                    phase[0],
                    metrics.getMetric(phase[0]).stream()
                                    .mapToDouble(Metric::getValue)
                                    .sum()
                            / 1e6
                            / batches);
        }
        // DJL times forward, backward and its bookkeeping inside trainBatch; the rest of it is the listeners.
        ms.put(
                "train-batch",
                ms.get("train-batch") - ms.get("forward") - ms.get("backward") - ms.get("training-metrics"));
        List<BenchmarkRow> rows = new ArrayList<>();
        double trainingThread = 0;
        for (String[] phase : PHASES) {
            if (metrics.hasMetric(phase[0])) {
                rows.add(BenchmarkRow.of(prefix + phase[1], ms.get(phase[0]), "ms"));
                trainingThread += phase[0].equals("batch-build") ? 0 : ms.get(phase[0]);
            }
        }
        rows.add(BenchmarkRow.of(prefix + "the training thread's phases together", trainingThread, "ms"));
        return rows;
    }

    /**
     * Prints compute-only training images/s, for allocator and thread experiments:
     * {@code [architecture...] [--batch N]}, all architectures when none is named.
     *
     * @param args architecture names, optionally {@code --batch N}
     */
    public static void main(String[] args) {
        int batch = 64;
        List<String> archs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--batch")) {
                batch = Integer.parseInt(args[++i]);
            } else {
                archs.add(args[i]);
            }
        }
        if (archs.isEmpty()) {
            archs.addAll(Architectures.names());
        }
        System.out.printf("%-10s %6s %12s%n", "arch", "batch", "images/s");
        for (String a : archs) {
            System.out.printf("%-10s %6d %12.0f%n", a, batch, computeOnly(a, batch, 5, 30, Progress.NONE));
        }
    }
}
