package org.fer4j.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.nn.Architectures;

/**
 * Measures training throughput of an architecture on pre-built in-memory batches (compute only:
 * forward, backward and optimiser step, each batch's arrays closed), for comparison with the
 * end-to-end figure of a real run.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /**
     * Returns training images per second for {@code architecture} over {@code batches} batches after
     * {@code warmup} untimed ones.
     *
     * @param architecture a registered architecture name
     * @param batchSize the images per batch
     * @param warmup the untimed batches run first
     * @param batches the timed batches
     * @return training images per second
     */
    public static double computeOnly(String architecture, int batchSize, int warmup, int batches) {
        Random random = new Random(1);
        float[] pixels = new float[batchSize * Preprocessing.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        long[] labels = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = random.nextInt(7);
        }
        try (Model model = Model.newInstance("bench", Device.cpu())) {
            ai.djl.nn.Block block = Architectures.build(architecture, 7);
            model.setBlock(block);
            // The optimiser fer train uses, so the figure is the trainer's.
            DefaultTrainingConfig config = new DefaultTrainingConfig(new CrossEntropy(7, 0))
                    .optOptimizer(new CheckpointedOptimizer(TrainingSpec.Optimizer.ADAM, 0, step -> 0.001, block))
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batchSize, 1, Preprocessing.SIZE, Preprocessing.SIZE));
                long start = 0;
                for (int b = 0; b < warmup + batches; b++) {
                    if (b == warmup) {
                        start = System.nanoTime();
                    }
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = bm.create(pixels, new Shape(batchSize, 1, Preprocessing.SIZE, Preprocessing.SIZE));
                        NDList y = new NDList(bm.create(labels));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray pred = trainer.forward(new NDList(x), y).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(y, new NDList(pred));
                            gc.backward(loss);
                            loss.getFloat();
                        }
                        trainer.step();
                    }
                }
                return (double) batches * batchSize / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * Returns the training images per second of one real epoch on {@code dataRoot} through
     * {@link FerTrainer} (shuffling, batch building on the prefetch thread, forward, backward, step),
     * not counting decoding the images or the validation pass.
     *
     * @param dataRoot the folder holding {@code train/} and {@code test/}
     * @param architecture a registered architecture name
     * @param batchSize the images per batch
     * @return training images per second
     * @throws IOException if the data cannot be read or the temporary output written
     */
    public static double endToEnd(Path dataRoot, String architecture, int batchSize) throws IOException {
        Path out = Files.createTempDirectory("fer-bench-train");
        double[] rate = {0};
        TrainingSpec spec = TrainingSpec.builder().optArchitecture(architecture).optBatchSize(batchSize).optEpochs(1).build();
        new FerTrainer().train(spec, dataRoot, out, new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
                rate[0] = imagesPerSecond;
            }
        });
        return rate[0];
    }

    /**
     * Prints compute-only training images/s: {@code [architecture...] [--batch N]}.
     *
     * @param args architecture names, optionally {@code --batch N}
     */
    public static void main(String[] args) {
        int batch = 64;
        java.util.List<String> archs = new java.util.ArrayList<>();
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
            System.out.printf("%-10s %6d %12.0f%n", a, batch, computeOnly(a, batch, 5, 30));
        }
    }
}
