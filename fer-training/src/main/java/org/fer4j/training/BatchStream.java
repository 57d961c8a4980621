// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.metric.Metrics;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.FaceFolder;

/**
 * Builds one epoch's shuffled, augmented training batches ahead of the trainer on a background
 * thread (the seed's {@code prefetch()}); the shuffle depends only on the seed and the epoch, so an
 * interrupted and resumed run sees the same order.
 */
final class BatchStream implements AutoCloseable {

    /**
     * One batch as plain arrays: pixels (n x 2304), labels, the target distribution of each image (n x
     * classes: its label smoothed and, in a mixed batch, blended with its partner's), per-sample loss
     * weights and, in a distilled run, the teachers' softened probabilities (n x classes; null otherwise).
     * The arrays are not copied: the producer fills fresh ones for each batch and hands them over, and
     * batches are never compared.
     */
    @SuppressWarnings("ArrayRecordComponent")
    record HostBatch(int size, float[] pixels, long[] labels, float[] targets, float[] weights, float[] soft) {}

    private static final HostBatch END = new HostBatch(0, new float[0], new long[0], new float[0], new float[0], null);

    private final BlockingQueue<HostBatch> queue = new ArrayBlockingQueue<>(4);
    private final Thread producer;
    private volatile RuntimeException failure;

    /**
     * Starts building the batches of one epoch with the run's batch size, augmentation, label smoothing,
     * mixing and seed; {@code soft} holds each image's soft targets (row i for image i,
     * {@code classWeights.length} wide), or is null when the run is not distilled; each batch's build time
     * goes into {@code metrics} as {@code batch-build} (nanoseconds) unless it is null.
     */
    BatchStream(FaceFolder data, TrainingSpec spec, float[] classWeights, float[] soft, int epoch, Metrics metrics) {
        int k = classWeights.length;
        int batchSize = spec.batchSize();
        Augmentation augmentation = spec.augmentation();
        BatchMix mix = BatchMix.of(spec);
        float smoothing = spec.labelSmoothing();
        int[] order = shuffled(data.size(), new Random(spec.seed() * 1_000_003L + epoch));
        Random random = new Random(spec.seed() * 7_919L + epoch);
        Random mixRandom = new Random(spec.seed() * 104_729L + epoch);
        producer = new Thread(
                () -> {
                    try {
                        for (int start = 0; start < order.length; start += batchSize) {
                            long begin = System.nanoTime();
                            int n = Math.min(batchSize, order.length - start);
                            float[] pixels = new float[n * Preprocessing.PIXELS];
                            long[] labels = new long[n];
                            float[] targets = new float[n * k];
                            float[] weights = new float[n];
                            float[] teachers = soft == null ? null : new float[n * k];
                            float[] tmp = new float[Preprocessing.PIXELS];
                            for (int i = 0; i < n; i++) {
                                int idx = order[start + i];
                                if (augmentation.isNone()) {
                                    System.arraycopy(
                                            data.image(idx), 0, pixels, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
                                } else {
                                    augmentation.apply(data.image(idx), tmp, random);
                                    System.arraycopy(tmp, 0, pixels, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
                                }
                                int label = data.classOf(idx);
                                labels[i] = label;
                                for (int c = 0; c < k; c++) {
                                    targets[i * k + c] = (c == label ? 1 - smoothing : 0) + smoothing / k;
                                }
                                weights[i] = classWeights[label];
                                if (teachers != null) {
                                    System.arraycopy(soft, idx * k, teachers, i * k, k);
                                }
                            }
                            if (!mix.isNone()) {
                                BatchMix.Mixed mixed = mix.apply(pixels, n, mixRandom);
                                mixed.blend(targets, k);
                                mixed.blend(weights, 1);
                                if (teachers != null) {
                                    mixed.blend(teachers, k);
                                }
                            }
                            if (metrics != null) {
                                metrics.addMetric("batch-build", System.nanoTime() - begin);
                            }
                            queue.put(new HostBatch(n, pixels, labels, targets, weights, teachers));
                        }
                        queue.put(END);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failure = e;
                        queue.offer(END);
                    }
                },
                "fer-batches-epoch-" + epoch);
        producer.setDaemon(true);
        producer.start();
    }

    /** Returns the next batch, or null at the end of the epoch. */
    @SuppressWarnings("ReferenceEquality") // END is a sentinel: the very object, not an equal batch
    HostBatch next() throws InterruptedException {
        HostBatch b = queue.take();
        if (failure != null) {
            throw new IllegalStateException("Building a training batch failed", failure);
        }
        return b == END ? null : b;
    }

    static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
