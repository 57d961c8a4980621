package org.fer4j.training;

import java.util.function.IntToDoubleFunction;

/**
 * The learning rate of the batch being trained: the loop moves it along the spec's schedule before each
 * batch, the optimiser reads it at the step, and the epoch's figures record where it ended.
 */
final class LearningRate implements IntToDoubleFunction {

    private final TrainingSpec spec;
    private float current;

    /** Starts at the rate of the run's position, {@code epochsDone} epochs in. */
    LearningRate(TrainingSpec spec, int epochsDone) {
        this.spec = spec;
        this.current = spec.learningRateAt(epochsDone);
    }

    /** Moves to a fractional epoch position, 0 at the start of training. */
    void moveTo(double epochPosition) {
        current = spec.learningRateAt(epochPosition);
    }

    float current() {
        return current;
    }

    /** Returns the current rate whatever the parameter's step count: the schedule follows epochs, not steps. */
    @Override
    public double applyAsDouble(int step) {
        return current;
    }
}
