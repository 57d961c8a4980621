// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy against each image's target distribution (its label, smoothed and perhaps mixed,
 * built with the batch), weighted per sample. The labels come as (class indices, target distributions,
 * weights) and, in a distilled run, the teachers' probabilities at the distillation temperature T; the loss
 * per sample is then {@code (1 - w) * CE(target) + w * T^2 * KL(teacher_T || softmax(logits / T))}: the T^2
 * keeps the soft term's gradients on the scale of the hard term's as T grows (Hinton et al., 2015).
 */
final class CrossEntropy extends Loss {

    private final float temperature;
    private final float distillWeight;

    CrossEntropy(Distillation distillation) {
        super("cross_entropy");
        this.temperature = distillation.temperature();
        this.distillWeight = distillation.weight();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
        NDArray perSample =
                labels.get(1).mul(logProbabilities).sum(new int[] {1}).neg();
        if (labels.size() > 3) {
            NDArray studentT = predictions.singletonOrThrow().div(temperature).logSoftmax(1);
            // KL rather than cross-entropy: the same gradient, but the reported loss falls to 0 as the
            // student matches the teachers instead of resting on the targets' entropy.
            NDArray teacher = labels.get(3);
            NDArray soft =
                    teacher.mul(teacher.clip(1e-12f, 1f).log().sub(studentT)).sum(new int[] {1});
            perSample = perSample.mul(1 - distillWeight).add(soft.mul(distillWeight * temperature * temperature));
        }
        return perSample.mul(labels.get(2)).mean();
    }
}
