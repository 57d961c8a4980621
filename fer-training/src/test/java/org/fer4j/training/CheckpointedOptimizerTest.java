// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each optimiser, step by step, against the textbook update written out in double precision. */
class CheckpointedOptimizerTest {

    private static final int SIZE = 16;
    /** The learning rate of each step: it moves between steps, as a schedule moves it. */
    private static final double[] RATES = {0.1, 0.05, 0.2, 0.01, 0.1, 0.03, 0.15, 0.08};

    private static final float DECAY = 0.01f;

    @ParameterizedTest
    @EnumSource(TrainingSpec.Optimizer.class)
    void everyStepMatchesTheReferenceUpdate(TrainingSpec.Optimizer kind) {
        Random random = new Random(11);
        float[] start = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            start[i] = (float) random.nextGaussian();
        }
        Reference reference = new Reference(kind, DECAY, start);
        CheckpointedOptimizer optimizer =
                new CheckpointedOptimizer(kind, DECAY, t -> RATES[t - 1], new SequentialBlock());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(start);
            weight.setRequiresGradient(true);
            for (int step = 1; step <= RATES.length; step++) {
                float[] grad = new float[SIZE];
                for (int i = 0; i < SIZE; i++) {
                    grad[i] = (float) random.nextGaussian();
                }
                // As in training: backward adds into the weight's own gradient, and DJL hands the optimiser a copy.
                // An optimiser that did not clear the gradient would see the sum of every step's gradients.
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    collector.backward(weight.mul(manager.create(grad)).sum());
                }
                optimizer.update("w", weight, weight.getGradient().duplicate());
                reference.step(grad, RATES[step - 1]);
                float[] got = weight.toFloatArray();
                for (int i = 0; i < SIZE; i++) {
                    assertThat((double) got[i])
                            .as("%s, step %d, weight %d", kind, step, i)
                            .isCloseTo(reference.weight[i], within(1e-6));
                }
            }
            assertThat(optimizer.steps()).containsEntry("w", RATES.length);
        }
    }

    @Test
    void clearsANonFiniteGradientToZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1, 2, 3});
            weight.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                float[] factors = {Float.NaN, Float.POSITIVE_INFINITY, 1};
                collector.backward(weight.mul(manager.create(factors)).sum());
            }
            assertThat(weight.getGradient().toFloatArray()).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, 1f);
            CheckpointedOptimizer.clearGradient(weight);
            assertThat(weight.getGradient().toFloatArray()).containsExactly(0f, 0f, 0f);
        }
    }

    /**
     * The updates from their papers, with PyTorch's conventions where they differ: SGD's momentum buffer
     * starts at the first gradient (dampening 0) and Nesterov steps by {@code g + mu * buffer}; weight decay
     * is added to the gradient (L2) except in AdamW, which first shrinks the weight by {@code lr * decay}.
     * Adam keeps epsilon outside the second moment's bias correction, as DJL's Adam does:
     * {@code w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}.
     */
    private static final class Reference {
        private static final double MOMENTUM = 0.9;
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;

        private final TrainingSpec.Optimizer kind;
        private final double decay;
        private final double[] weight;
        private final double[] first;
        private final double[] second;
        private int t;

        Reference(TrainingSpec.Optimizer kind, double decay, float[] start) {
            this.kind = kind;
            this.decay = decay;
            this.weight = new double[start.length];
            for (int i = 0; i < start.length; i++) {
                weight[i] = start[i];
            }
            this.first = new double[start.length];
            this.second = new double[start.length];
        }

        void step(float[] grad, double lr) {
            t++;
            for (int i = 0; i < weight.length; i++) {
                double g = grad[i];
                if (kind == TrainingSpec.Optimizer.ADAMW) {
                    weight[i] -= lr * decay * weight[i];
                } else {
                    g += decay * weight[i];
                }
                switch (kind) {
                    case SGD, NESTEROV -> {
                        first[i] = t == 1 ? g : MOMENTUM * first[i] + g;
                        weight[i] -=
                                lr * (kind == TrainingSpec.Optimizer.NESTEROV ? g + MOMENTUM * first[i] : first[i]);
                    }
                    case ADAM, ADAMW -> {
                        first[i] = BETA1 * first[i] + (1 - BETA1) * g;
                        second[i] = BETA2 * second[i] + (1 - BETA2) * g * g;
                        double rate = lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
                        weight[i] -= rate * first[i] / (Math.sqrt(second[i]) + EPSILON);
                    }
                    default -> throw new IllegalStateException("no reference for " + kind);
                }
            }
        }
    }
}
