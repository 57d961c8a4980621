// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.util.function.ToDoubleFunction;

/**
 * Classification metrics of a model on labelled images: accuracy, mean cross-entropy loss (the negative
 * log-likelihood), per-class precision, recall, F1 and support, their macro and weighted averages, the
 * confusion matrix, and calibration (expected calibration error over {@value #CALIBRATION_BINS} confidence
 * bins, and the bins themselves for a reliability diagram). Immutable. Inference reports and training's per-epoch figures both come from here.
 *
 * <p>The confusion matrix has one row per true class and one column per predicted class, both in
 * label order: {@code confusionMatrix()[t][p]} counts images of class {@code t} predicted as {@code p}.
 * A class with no predictions has precision 0; a class with no images has recall 0 and is left out
 * of the macro averages, so a test folder without (say) disgust is not penalised for it.
 */
public final class Evaluation {

    /** Equal-width confidence bins of the expected calibration error, as in Guo et al. (2017). */
    public static final int CALIBRATION_BINS = 15;

    private final EmotionLabels labels;
    private final int[][] confusion;
    private final double lossSum;
    private final int total;
    /** Per confidence bin: images, sum of their confidences, images whose top class was right. */
    private final ConfidenceBins calibration;

    private Evaluation(EmotionLabels labels, int[][] confusion, double lossSum, int total, ConfidenceBins calibration) {
        this.labels = labels;
        this.confusion = confusion;
        this.lossSum = lossSum;
        this.total = total;
        this.calibration = calibration;
    }

    /**
     * Computes the metrics from true class indices and predicted probabilities (rows in label order).
     *
     * @param labels the model's labels
     * @param truth the true class index of each image
     * @param probabilities the predicted probabilities of each image, in label order
     * @return the metrics
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a class index is out of range
     */
    public static Evaluation of(EmotionLabels labels, int[] truth, float[][] probabilities) {
        if (truth.length != probabilities.length || truth.length == 0) {
            throw new IllegalArgumentException("Need one probability row per true label and at least one image, got "
                    + truth.length + " labels and " + probabilities.length + " rows");
        }
        int k = labels.size();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        ConfidenceBins calibration = new ConfidenceBins();
        for (int i = 0; i < truth.length; i++) {
            checkRow(i, truth[i], probabilities[i].length, k, "probabilities");
            int predicted = argMax(probabilities[i], 0, k);
            confusion[truth[i]][predicted]++;
            lossSum -= Math.log(Math.max(probabilities[i][truth[i]], 1e-12));
            calibration.add(probabilities[i][predicted], predicted == truth[i]);
        }
        return new Evaluation(labels, confusion, lossSum, truth.length, calibration);
    }

    /**
     * Computes the metrics from true class indices and a network's raw outputs; the loss is the softmax
     * cross-entropy of the logits, computed stably in double precision.
     *
     * @param labels the model's labels
     * @param truth the true class index of each image
     * @param logits the outputs of each image in label order, one row after the other
     * @return the metrics
     * @throws IllegalArgumentException if there is no image, the logits are not one row of
     *     {@code labels.size()} per image, or a class index is out of range
     */
    public static Evaluation ofLogits(EmotionLabels labels, int[] truth, float[] logits) {
        int k = labels.size();
        if (truth.length == 0 || logits.length != truth.length * k) {
            throw new IllegalArgumentException("Need " + k + " logits per true label and at least one image, got "
                    + truth.length + " labels and " + logits.length + " logits");
        }
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        ConfidenceBins calibration = new ConfidenceBins();
        for (int i = 0; i < truth.length; i++) {
            checkRow(i, truth[i], k, k, "logits");
            int row = i * k;
            int predicted = argMax(logits, row, k);
            confusion[truth[i]][predicted]++;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(logits[row + c] - max);
            }
            lossSum += Math.log(z) + max - logits[row + truth[i]];
            // The top class's softmax probability: exp(max - max) / z.
            calibration.add(1 / z, predicted == truth[i]);
        }
        return new Evaluation(labels, confusion, lossSum, truth.length, calibration);
    }

    /**
     * Returns the metrics of this evaluation's images and {@code other}'s together, as if computed in one
     * go, for figures gathered batch by batch.
     *
     * @param other metrics of further images with the same labels
     * @return the combined metrics
     * @throws IllegalArgumentException if the labels differ
     */
    public Evaluation plus(Evaluation other) {
        if (!labels.equals(other.labels)) {
            throw new IllegalArgumentException(
                    "Cannot combine evaluations with labels " + labels.names() + " and " + other.labels.names());
        }
        int[][] sum = confusionMatrix();
        for (int t = 0; t < sum.length; t++) {
            for (int p = 0; p < sum.length; p++) {
                sum[t][p] += other.confusion[t][p];
            }
        }
        return new Evaluation(
                labels, sum, lossSum + other.lossSum, total + other.total, calibration.plus(other.calibration));
    }

    private static void checkRow(int i, int truth, int width, int k, String what) {
        if (truth < 0 || truth >= k || width != k) {
            throw new IllegalArgumentException(
                    "Row " + i + ": class " + truth + " or " + width + " " + what + " do not fit " + k + " labels");
        }
    }

    /** Returns the index of the largest of {@code k} values from {@code from}; the first wins a tie. */
    private static int argMax(float[] values, int from, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Returns the labels in row and column order.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns the number of images evaluated.
     *
     * @return the image count
     */
    public int total() {
        return total;
    }

    /**
     * Returns the fraction of images whose top class is the true class.
     *
     * @return the accuracy, 0 to 1
     */
    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return (double) correct / total;
    }

    /**
     * Returns the mean cross-entropy, {@code -mean(log p(true class))}.
     *
     * @return the mean cross-entropy
     */
    public double loss() {
        return lossSum / total;
    }

    /**
     * Returns the negative log-likelihood of the true classes per image, the usual measure of how good the
     * probabilities are; the same number as {@link #loss()} under its calibration name.
     *
     * @return the mean negative log-likelihood, in nats
     */
    public double negativeLogLikelihood() {
        return loss();
    }

    /**
     * Returns the expected calibration error: over {@value #CALIBRATION_BINS} equal-width bins of the top
     * probability, the share of images in each bin times the gap between their accuracy and their mean top
     * probability, summed. 0 is perfectly calibrated.
     *
     * @return the expected calibration error, 0 to 1
     */
    public double expectedCalibrationError() {
        return calibration.expectedCalibrationError(total);
    }

    /**
     * Returns how many images fall in a confidence bin of the reliability diagram: bin {@code b} holds the
     * images whose top probability lies in ({@code b / n}, {@code (b + 1) / n}] for n = {@value #CALIBRATION_BINS}
     * (bin 0 includes 0).
     *
     * @param bin the bin, 0 to {@value #CALIBRATION_BINS} - 1
     * @return the number of images in it
     */
    public int calibrationCount(int bin) {
        return calibration.count(bin);
    }

    /**
     * Returns the mean top probability of the images in a confidence bin ({@link #calibrationCount(int)}).
     *
     * @param bin the bin, 0 to {@value #CALIBRATION_BINS} - 1
     * @return their mean top probability, or 0 when the bin is empty
     */
    public double calibrationConfidence(int bin) {
        return calibration.meanConfidence(bin);
    }

    /**
     * Returns the accuracy of the images in a confidence bin ({@link #calibrationCount(int)}).
     *
     * @param bin the bin, 0 to {@value #CALIBRATION_BINS} - 1
     * @return the share of them whose top class is the true class, or 0 when the bin is empty
     */
    public double calibrationAccuracy(int bin) {
        return calibration.accuracy(bin);
    }

    /**
     * Returns a copy of the confusion matrix: rows are true classes, columns predicted classes.
     *
     * @return the confusion matrix, indexed {@code [true][predicted]}
     */
    public int[][] confusionMatrix() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /**
     * Returns the number of images whose true class is {@code label}.
     *
     * @param label a label of the model
     * @return the number of images of that class
     */
    public int support(String label) {
        int t = index(label);
        int s = 0;
        for (int v : confusion[t]) {
            s += v;
        }
        return s;
    }

    /**
     * Returns the share of images predicted as {@code label} that truly are; 0 when none was predicted.
     *
     * @param label a label of the model
     * @return the precision, 0 to 1
     */
    public double precision(String label) {
        int c = index(label);
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /**
     * Returns the share of images of {@code label} predicted as such; 0 when there are none.
     *
     * @param label a label of the model
     * @return the recall, 0 to 1
     */
    public double recall(String label) {
        int support = support(label);
        return support == 0 ? 0 : (double) confusion[index(label)][index(label)] / support;
    }

    /**
     * Returns the harmonic mean of precision and recall of {@code label}; 0 when both are 0.
     *
     * @param label a label of the model
     * @return the F1 score, 0 to 1
     */
    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Returns the unweighted mean F1 over the classes that have images.
     *
     * @return the macro-averaged F1, 0 to 1
     */
    public double macroF1() {
        return macro(this::f1);
    }

    /**
     * Returns the support-weighted mean F1.
     *
     * @return the weighted F1, 0 to 1
     */
    public double weightedF1() {
        return weighted(this::f1);
    }

    /** The unweighted mean of a per-class metric over the classes that have images. */
    double macro(ToDoubleFunction<String> metric) {
        double sum = 0;
        int n = 0;
        for (String label : labels.names()) {
            if (support(label) > 0) {
                sum += metric.applyAsDouble(label);
                n++;
            }
        }
        return sum / n;
    }

    /** The support-weighted mean of a per-class metric. */
    double weighted(ToDoubleFunction<String> metric) {
        double sum = 0;
        for (String label : labels.names()) {
            sum += metric.applyAsDouble(label) * support(label);
        }
        return sum / total;
    }

    private int index(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("No label '" + label + "' in " + labels.names());
        }
        return i;
    }

    /**
     * Returns a text report laid out like scikit-learn's {@code classification_report}: one line per
     * class, then accuracy, macro and weighted averages, the loss and the confusion matrix.
     *
     * @return the report text
     */
    public String classificationReport() {
        return ClassificationReport.format(this);
    }
}
