// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
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
        this.current = at(spec, epochsDone);
    }

    /** Moves to a fractional epoch position, 0 at the start of training. */
    void moveTo(double epochPosition) {
        current = at(spec, epochPosition);
    }

    /** The spec's learning rate at a fractional epoch position: linear warm-up, then constant or cosine decay. */
    static float at(TrainingSpec spec, double epochPosition) {
        float base = spec.learningRate();
        int warmup = spec.warmupEpochs();
        if (warmup > 0 && epochPosition < warmup) {
            return (float) (base * Math.max(0.01, epochPosition / warmup));
        }
        if (spec.schedule() == TrainingSpec.Schedule.COSINE) {
            double span = Math.max(1e-9, spec.epochs() - warmup);
            double t = Math.min(1, (epochPosition - warmup) / span);
            return (float) (base * 0.5 * (1 + Math.cos(Math.PI * t)));
        }
        return base;
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
