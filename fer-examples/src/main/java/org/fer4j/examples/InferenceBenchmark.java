// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.fer4j.core.GreyImage;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.Progress;
import org.fer4j.inference.EmotionClassifier;

/**
 * Inference figures for {@code fer benchmark}: single-face latency, batch throughput, and a memory soak
 * that samples the resident set along many predictions to show whether anything leaks.
 */
final class InferenceBenchmark {

    /** The batch the throughput and soak measurements classify at a time. */
    private static final int BATCH = 64;
    /** When the soak samples resident memory, as fractions of its predictions. */
    private static final double[] SAMPLES = {0.01, 0.1, 0.5, 1.0};
    /**
     * Growth over the soak's second half (its last two samples) below which memory counts as flat, in bytes
     * per prediction: a leak of even one small object per prediction exceeds it. The first half is left out
     * of the verdict because the JIT, the Java heap and the native allocator's caches grow there in steps
     * that stop; a leak goes on.
     */
    static final double FLAT_BYTES_PER_PREDICTION = 100;

    private InferenceBenchmark() {}

    /**
     * Measures {@code classifier} (the caller keeps ownership): latency over 300 single faces, throughput
     * over 40 batches of 64, and a memory soak of {@code predictions} predictions; {@code progress} hears of
     * each.
     */
    static List<BenchmarkRow> run(EmotionClassifier classifier, int predictions, Progress progress) {
        List<BenchmarkRow> rows = new ArrayList<>();
        Random random = new Random(1);
        // Faces as the camera hands them over: grey crops of the network's size (random levels), so the
        // figures time the classifier and the little preprocessing a 48x48 crop needs.
        GreyImage[] inputs = new GreyImage[BATCH];
        for (int f = 0; f < BATCH; f++) {
            float[] levels = new float[Preprocessing.PIXELS];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = 255 * random.nextFloat();
            }
            inputs[f] = GreyImage.of(levels, Preprocessing.SIZE, Preprocessing.SIZE);
        }
        String tta = " (test-time augmentation: " + ModelOption.views(classifier) + ")";
        for (int i = 0; i < 50; i++) {
            classifier.predictGrey(List.of(inputs[i % BATCH]));
        }
        double[] ms = new double[300];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            classifier.predictGrey(List.of(inputs[i % BATCH]));
            ms[i] = (System.nanoTime() - t) / 1e6;
            progress.update("single-face latency" + tta, i + 1, ms.length);
        }
        Arrays.sort(ms);
        rows.add(BenchmarkRow.of("single-face latency, median" + tta, ms[ms.length / 2], "ms"));
        rows.add(BenchmarkRow.of("single-face latency, p95" + tta, ms[(int) (ms.length * 0.95)], "ms"));

        List<GreyImage> batch = Arrays.asList(inputs);
        classifier.predictGrey(batch);
        long t = System.nanoTime();
        int batches = 40;
        for (int i = 0; i < batches; i++) {
            classifier.predictGrey(batch);
            progress.update("batch-64 throughput" + tta, i + 1, batches);
        }
        rows.add(BenchmarkRow.of(
                "batch-64 throughput" + tta, batches * BATCH / ((System.nanoTime() - t) / 1e9), "images/s"));
        rows.addAll(memorySoak(
                n -> classifier.predictGrey(batch.subList(0, n)),
                predictions,
                tta,
                InferenceBenchmark::residentKb,
                progress));
        return rows;
    }

    /**
     * Runs {@code predictions} predictions through {@code predict} (given how many to make, at most 64 at a
     * time), samples {@code residentKb} after 1%, 10%, 50% and all of them, and returns a row per sample,
     * the growth from the first sample to the last and over the second half, and whether the second half
     * grew by under {@link #FLAT_BYTES_PER_PREDICTION}; no rows where resident memory cannot be read.
     */
    static List<BenchmarkRow> memorySoak(
            IntConsumer predict, int predictions, String suffix, LongSupplier residentKb, Progress progress) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (double f : SAMPLES) {
            counts.add(Math.max(1, (int) Math.round(f * predictions)));
        }
        List<BenchmarkRow> rows = new ArrayList<>();
        List<long[]> samples = new ArrayList<>();
        int done = 0;
        for (int at : counts) {
            while (done < at) {
                int n = Math.min(BATCH, at - done);
                predict.accept(n);
                done += n;
                progress.update("memory soak" + suffix, done, predictions);
            }
            long kb = residentKb.getAsLong();
            if (kb < 0) {
                return List.of();
            }
            samples.add(new long[] {at, kb});
            rows.add(BenchmarkRow.of(
                    String.format(
                            Locale.ROOT, "resident memory after %,d of %,d predictions%s", at, predictions, suffix),
                    kb / 1024.0,
                    "MiB"));
        }
        if (samples.size() < 2) {
            return rows;
        }
        long[] first = samples.get(0);
        long[] previous = samples.get(samples.size() - 2);
        long[] last = samples.get(samples.size() - 1);
        rows.add(BenchmarkRow.of(
                "resident memory growth " + span(first[0], last[0], suffix), (last[1] - first[1]) / 1024.0, "MiB"));
        String secondHalf = span(previous[0], last[0], suffix);
        if (previous != first) {
            rows.add(BenchmarkRow.of("resident memory growth " + secondHalf, (last[1] - previous[1]) / 1024.0, "MiB"));
        }
        boolean flat = (last[1] - previous[1]) * 1024.0 / (last[0] - previous[0]) < FLAT_BYTES_PER_PREDICTION;
        rows.add(new BenchmarkRow(
                String.format(
                        Locale.ROOT,
                        "resident memory flat %s (grew by under %.0f bytes per" + " prediction)",
                        secondHalf,
                        FLAT_BYTES_PER_PREDICTION),
                flat ? "yes" : "no",
                ""));
        return rows;
    }

    private static String span(long from, long to, String suffix) {
        return String.format(Locale.ROOT, "from %,d to %,d predictions%s", from, to, suffix);
    }

    /** Returns this process's resident set size in KiB from /proc, or -1 where there is none. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
