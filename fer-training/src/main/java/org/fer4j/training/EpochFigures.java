// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.Map;
import org.fer4j.core.Evaluation;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.FaceFolder;

/**
 * The figures of the running epoch: training loss and accuracy from each batch as it is trained, and at
 * the end of the epoch the validation figures of the network, which make the epoch's {@link EpochRecord}.
 * The listeners after it in the trainer's list read that record from {@link #last()}.
 */
final class EpochFigures extends TrainingListenerAdapter {

    private static final int EVAL_BATCH = 256;

    private final FaceFolder validation;
    private final LearningRate rate;
    private final Block validated;
    private int epoch;
    private long t0;
    private double lossSum;
    private Evaluation trained;
    private int seen;
    private int batches;
    private EpochRecord last;

    /** Figures whose validation evaluates {@code validated}: the trained network or its weight average. */
    EpochFigures(FaceFolder validation, LearningRate rate, Block validated) {
        this.validation = validation;
        this.rate = rate;
        this.validated = validated;
    }

    /** Starts counting a new epoch; its clock starts now. */
    void start(int epoch) {
        this.epoch = epoch;
        t0 = System.nanoTime();
        lossSum = 0;
        trained = null;
        seen = 0;
        batches = 0;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        NDList labels = single(batchData.getLabels());
        NDList predictions = single(batchData.getPredictions());
        // The loss as the trainer computed it for the gradient (weighted, smoothed), which DJL does not hand on.
        float loss = trainer.getLoss().evaluate(labels, predictions).getFloat();
        int size = batchData.getBatch().getSize();
        lossSum += loss * size;
        Evaluation batch = Evaluation.ofLogits(
                validation.labels(),
                toInts(labels.get(0).toLongArray()),
                predictions.singletonOrThrow().toFloatArray());
        trained = trained == null ? batch : trained.plus(batch);
        seen += size;
        batches++;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        Evaluation val = evaluate(validated, trainer.getManager(), validation);
        last = new EpochRecord(
                epoch,
                lossSum / seen,
                trained.accuracy(),
                val.loss(),
                val.accuracy(),
                rate.current(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** Returns the record of the last finished epoch. */
    EpochRecord last() {
        return last;
    }

    int epoch() {
        return epoch;
    }

    int batchesDone() {
        return batches;
    }

    double runningLoss() {
        return lossSum / seen;
    }

    double runningAccuracy() {
        return trained.accuracy();
    }

    double imagesPerSecond() {
        return seen / ((System.nanoTime() - t0) / 1e9);
    }

    /** Returns the figures of a network on a folder, in evaluation mode. */
    static Evaluation evaluate(Block block, NDManager manager, FaceFolder folder) {
        Evaluation all = null;
        for (int start = 0; start < folder.size(); start += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, folder.size() - start);
            float[] pixels = new float[n * Preprocessing.PIXELS];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(folder.image(start + i), 0, pixels, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
                y[i] = folder.classOf(start + i);
            }
            float[] logits;
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = Preprocessing.toInputArray(bm, pixels, n);
                logits = block.forward(new ParameterStore(bm, false), new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();
            }
            Evaluation batch = Evaluation.ofLogits(folder.labels(), y, logits);
            all = all == null ? batch : all.plus(batch);
        }
        return all;
    }

    private static NDList single(Map<Device, NDList> perDevice) {
        if (perDevice.size() != 1) {
            throw new IllegalStateException("fer4j trains on one device, got arrays from " + perDevice.keySet());
        }
        return perDevice.values().iterator().next();
    }

    private static int[] toInts(long[] classes) {
        int[] out = new int[classes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) classes[i];
        }
        return out;
    }
}
