// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.function.Supplier;

/**
 * Tracks the best epoch of a monitored validation metric and says when to stop: after
 * {@code patience} epochs in a row without beating the best value so far (not merely the previous
 * epoch, which is how DJL 0.32's {@code EarlyStoppingListener} compares). Patience 0 never stops.
 * The training loop asks {@link #shouldStop()} after each epoch rather than catching an exception.
 */
final class EarlyStopping extends TrainingListenerAdapter {

    private final Supplier<EpochRecord> epochs;
    private final TrainingSpec.Monitor monitor;
    private final int patience;
    private int bestEpoch;
    private double bestValue;
    private int sinceBest;
    private boolean lastWasBest;

    /** Starts from saved counters; each finished epoch's record comes from {@code epochs}. */
    EarlyStopping(
            Supplier<EpochRecord> epochs,
            TrainingSpec.Monitor monitor,
            int patience,
            int bestEpoch,
            double bestValue,
            int sinceBest) {
        this.epochs = epochs;
        this.monitor = monitor;
        this.patience = patience;
        this.bestEpoch = bestEpoch;
        this.bestValue = bestValue;
        this.sinceBest = sinceBest;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        EpochRecord record = epochs.get();
        lastWasBest = record(record.epoch(), record.metric(monitor));
    }

    /** Records an epoch's metric and returns true when it is the new best. */
    private boolean record(int epoch, double value) {
        boolean better =
                bestEpoch == 0 || (monitor == TrainingSpec.Monitor.VAL_LOSS ? value < bestValue : value > bestValue);
        if (better) {
            bestEpoch = epoch;
            bestValue = value;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        return better;
    }

    /** Returns true when the last finished epoch was the best so far. */
    boolean lastWasBest() {
        return lastWasBest;
    }

    /** Returns true once patience has run out. */
    boolean shouldStop() {
        return patience > 0 && sinceBest >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestValue() {
        return bestValue;
    }

    int sinceBest() {
        return sinceBest;
    }
}
