// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

/**
 * Temperature scaling of class probabilities (Guo et al., 2017): {@code p^(1/T)} renormalised, which is
 * {@code softmax(log p / T)} and so, for a single forward pass, exactly {@code softmax(logits / T)}.
 * Averaged probabilities of several views or models scale the same way. T above 1 softens, below 1
 * sharpens; argmax, and so accuracy, never changes.
 */
public final class Calibration {

    private static final double MIN_T = 0.05;
    private static final double MAX_T = 20;

    private Calibration() {}

    /**
     * Returns rows of probabilities scaled to temperature {@code t}.
     *
     * @param probabilities rows of {@code classes} probabilities, one row per face
     * @param classes the row width
     * @param t the temperature, positive
     * @return new rows, each summing to 1
     * @throws IllegalArgumentException if {@code t} is not positive or the array is not whole rows
     */
    public static float[] atTemperature(float[] probabilities, int classes, double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + t);
        }
        if (classes < 1 || probabilities.length % classes != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities are not rows of " + classes);
        }
        float[] out = new float[probabilities.length];
        double[] logs = new double[classes];
        for (int row = 0; row < probabilities.length; row += classes) {
            double max = scaledLogs(probabilities, row, classes, t, logs);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logs[c] = Math.exp(logs[c] - max);
                sum += logs[c];
            }
            for (int c = 0; c < classes; c++) {
                out[row + c] = (float) (logs[c] / sum);
            }
        }
        return out;
    }

    /**
     * Returns the temperature that minimises the negative log-likelihood of the true labels, searched
     * on a log scale between 0.05 and 20 (the likelihood is unimodal in log T).
     *
     * @param probabilities rows of {@code classes} probabilities, one row per labelled face
     * @param labels the true class of each row
     * @param classes the row width
     * @return the fitted temperature
     * @throws IllegalArgumentException if there are no rows or the labels do not match them
     */
    public static double fitTemperature(float[] probabilities, int[] labels, int classes) {
        if (labels.length == 0 || probabilities.length != labels.length * classes) {
            throw new IllegalArgumentException(labels.length + " labels for " + probabilities.length
                    + " probabilities of " + classes + " classes");
        }
        double lo = Math.log(MIN_T);
        double hi = Math.log(MAX_T);
        double golden = (Math.sqrt(5) - 1) / 2;
        double a = hi - golden * (hi - lo);
        double b = lo + golden * (hi - lo);
        double fa = negativeLogLikelihood(probabilities, labels, classes, Math.exp(a));
        double fb = negativeLogLikelihood(probabilities, labels, classes, Math.exp(b));
        while (hi - lo > 1e-6) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - golden * (hi - lo);
                fa = negativeLogLikelihood(probabilities, labels, classes, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + golden * (hi - lo);
                fb = negativeLogLikelihood(probabilities, labels, classes, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /**
     * The mean negative log-likelihood of the true labels under the rows scaled to temperature {@code t},
     * computed in logs so that the search can try extreme temperatures ({@link Evaluation} reports it).
     */
    static double negativeLogLikelihood(float[] probabilities, int[] labels, int classes, double t) {
        double sum = 0;
        double[] logs = new double[classes];
        for (int i = 0; i < labels.length; i++) {
            double max = scaledLogs(probabilities, i * classes, classes, t, logs);
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logs[c] - max);
            }
            sum -= logs[labels[i]] - max - Math.log(z);
        }
        return sum / labels.length;
    }

    /**
     * Fills {@code logs} with one row's {@code log p / t} and returns its largest value. Working in logs
     * keeps {@code p^(1/t)} from underflowing for small p and small t.
     */
    private static double scaledLogs(float[] probabilities, int row, int classes, double t, double[] logs) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            logs[c] = Math.log(Math.max(probabilities[row + c], 1e-30)) / t;
            max = Math.max(max, logs[c]);
        }
        return max;
    }
}
