// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy on integer labels with optional label smoothing; per-sample weights
 * (for class weighting) come as a second label array. In a distilled run a third label array holds the
 * teachers' probabilities at the distillation temperature T, and the loss per sample is
 * {@code (1 - w) * CE(label) + w * T^2 * KL(teacher_T || softmax(logits / T))}: the T^2 keeps the soft
 * term's gradients on the scale of the hard term's as T grows (Hinton et al., 2015).
 */
final class CrossEntropy extends Loss {

    private final int classes;
    private final float smoothing;
    private final float temperature;
    private final float distillWeight;

    CrossEntropy(int classes, float smoothing) {
        this(classes, smoothing, Distillation.NONE);
    }

    CrossEntropy(int classes, float smoothing, Distillation distillation) {
        super("cross_entropy");
        this.classes = classes;
        this.smoothing = smoothing;
        this.temperature = distillation.temperature();
        this.distillWeight = distillation.weight();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
        NDArray target = labels.get(0).oneHot(classes);
        if (smoothing > 0) {
            target = target.mul(1 - smoothing).add(smoothing / classes);
        }
        NDArray perSample = target.mul(logProbabilities).sum(new int[] {1}).neg();
        if (labels.size() > 2) {
            NDArray studentT = predictions.singletonOrThrow().div(temperature).logSoftmax(1);
            // KL rather than cross-entropy: the same gradient, but the reported loss falls to 0 as the
            // student matches the teachers instead of resting on the targets' entropy.
            NDArray teacher = labels.get(2);
            NDArray soft =
                    teacher.mul(teacher.clip(1e-12f, 1f).log().sub(studentT)).sum(new int[] {1});
            perSample = perSample.mul(1 - distillWeight).add(soft.mul(distillWeight * temperature * temperature));
        }
        if (labels.size() > 1) {
            perSample = perSample.mul(labels.get(1));
        }
        return perSample.mean();
    }
}
