package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy on integer labels with optional label smoothing; per-sample weights
 * (for class weighting) come as a second label array.
 */
final class CrossEntropy extends Loss {

    private final int classes;
    private final float smoothing;

    CrossEntropy(int classes, float smoothing) {
        super("cross_entropy");
        this.classes = classes;
        this.smoothing = smoothing;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.singletonOrThrow().logSoftmax(1);
        NDArray target = labels.get(0).oneHot(classes);
        if (smoothing > 0) {
            target = target.mul(1 - smoothing).add(smoothing / classes);
        }
        NDArray perSample = target.mul(logProbabilities).sum(new int[] {1}).neg();
        if (labels.size() > 1) {
            perSample = perSample.mul(labels.get(1));
        }
        return perSample.mean();
    }
}
