// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

/**
 * The calibration counts of an {@link Evaluation}: per equal-width bin of the top probability, the images,
 * the sum of their top probabilities, and the images whose top class was right. Mutable while an
 * evaluation is computed, then owned by it and never changed.
 */
final class ConfidenceBins {

    private static final int BINS = Evaluation.CALIBRATION_BINS;

    private final int[] count = new int[BINS];
    private final double[] confidence = new double[BINS];
    private final int[] correct = new int[BINS];

    /** Counts one image: ((b - 1) / M, b / M] is bin b - 1, and a confidence of 0 goes to the first. */
    void add(double top, boolean right) {
        int b = (int) Math.ceil(top * BINS) - 1;
        b = Math.max(0, Math.min(BINS - 1, b));
        count[b]++;
        confidence[b] += top;
        if (right) {
            correct[b]++;
        }
    }

    /** Returns new counts holding these and {@code other}'s. */
    ConfidenceBins plus(ConfidenceBins other) {
        ConfidenceBins sum = new ConfidenceBins();
        for (int b = 0; b < BINS; b++) {
            sum.count[b] = count[b] + other.count[b];
            sum.confidence[b] = confidence[b] + other.confidence[b];
            sum.correct[b] = correct[b] + other.correct[b];
        }
        return sum;
    }

    /** Returns the expected calibration error of {@code total} images; see {@link Evaluation#expectedCalibrationError()}. */
    double expectedCalibrationError(int total) {
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                sum += Math.abs(correct[b] - confidence[b]);
            }
        }
        // Sum over bins of (n_b / N) * |acc_b - conf_b| = sum of |correct_b - confidenceSum_b| / N.
        return sum / total;
    }

    int count(int bin) {
        return count[bin];
    }

    double meanConfidence(int bin) {
        return count[bin] == 0 ? 0 : confidence[bin] / count[bin];
    }

    double accuracy(int bin) {
        return count[bin] == 0 ? 0 : (double) correct[bin] / count[bin];
    }
}
