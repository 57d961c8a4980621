package org.fer4j.training;

/**
 * Tracks the best epoch of a monitored validation metric and says when to stop: after
 * {@code patience} epochs in a row without beating the best value so far (not merely the previous
 * epoch, which is how DJL 0.32's {@code EarlyStoppingListener} compares). Patience 0 never stops.
 */
final class EarlyStopping {

    private final TrainingSpec.Monitor monitor;
    private final int patience;
    private int bestEpoch;
    private double bestValue;
    private int sinceBest;

    EarlyStopping(TrainingSpec.Monitor monitor, int patience, int bestEpoch, double bestValue, int sinceBest) {
        this.monitor = monitor;
        this.patience = patience;
        this.bestEpoch = bestEpoch;
        this.bestValue = bestValue;
        this.sinceBest = sinceBest;
    }

    /** Records an epoch's metric and returns true when it is the new best. */
    boolean record(int epoch, double value) {
        boolean better = bestEpoch == 0
                || (monitor == TrainingSpec.Monitor.VAL_LOSS ? value < bestValue : value > bestValue);
        if (better) {
            bestEpoch = epoch;
            bestValue = value;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
        return better;
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
