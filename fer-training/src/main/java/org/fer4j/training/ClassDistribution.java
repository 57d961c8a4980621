// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fer4j.core.EmotionLabels;

/**
 * Images per class in the training and validation splits (the seed's section 9), as a table, a CSV and a
 * bar chart that calls out the most and least frequent classes. Immutable. The files and the table call
 * the validation split {@code test}, the name of its folder.
 */
final class ClassDistribution {

    private final EmotionLabels labels;
    private final int[] train;
    private final int[] validation;

    private ClassDistribution(EmotionLabels labels, int[] train, int[] validation) {
        this.labels = labels;
        this.train = train.clone();
        this.validation = validation.clone();
    }

    /**
     * Counts the images of a loaded dataset.
     *
     * @param data the loaded training and validation splits
     * @return the per-class counts
     */
    static ClassDistribution of(TrainValidationData data) {
        return new ClassDistribution(
                data.train().labels(),
                data.train().countsPerClass(),
                data.validation().countsPerClass());
    }

    /**
     * Returns the labels in order.
     *
     * @return the label list
     */
    EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns the training count of class {@code c}.
     *
     * @param c a class index
     * @return the number of training images of that class
     */
    int train(int c) {
        return train[c];
    }

    /**
     * Returns the validation count of class {@code c}.
     *
     * @param c a class index
     * @return the number of validation images of that class
     */
    int validation(int c) {
        return validation[c];
    }

    /**
     * Returns the index of the most frequent training class.
     *
     * @return the class index
     */
    int largest() {
        int best = 0;
        for (int c = 1; c < train.length; c++) {
            if (train[c] > train[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Returns the index of the least frequent training class.
     *
     * @return the class index
     */
    int smallest() {
        int best = 0;
        for (int c = 1; c < train.length; c++) {
            if (train[c] < train[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Returns the imbalance: the largest training class count divided by the smallest.
     *
     * @return the imbalance ratio
     */
    double imbalanceRatio() {
        return (double) train[largest()] / train[smallest()];
    }

    /**
     * Returns a printable table with counts, shares and the imbalance line.
     *
     * @return the table text
     */
    String toTable() {
        int totalTrain = java.util.Arrays.stream(train).sum();
        int totalValidation = java.util.Arrays.stream(validation).sum();
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "%-10s %8s %7s %8s %7s%n", "class", "train", "share", "test", "share"));
        for (int c = 0; c < train.length; c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-10s %8d %6.1f%% %8d %6.1f%%%n",
                    labels.name(c),
                    train[c],
                    100.0 * train[c] / totalTrain,
                    validation[c],
                    100.0 * validation[c] / totalValidation));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %8d %7s %8d%n", "total", totalTrain, "", totalValidation));
        sb.append(imbalanceLine()).append(System.lineSeparator());
        return sb.toString();
    }

    /**
     * Returns a sentence naming the largest and smallest classes and their ratio, or saying that the
     * classes are balanced (ratio at most 1.5 : 1).
     *
     * @return the sentence
     */
    String imbalanceLine() {
        if (imbalanceRatio() <= 1.5) {
            return String.format(
                    Locale.ROOT,
                    "Balanced: %d to %d training images per class (%.1f : 1)",
                    train[smallest()],
                    train[largest()],
                    imbalanceRatio());
        }
        return String.format(
                Locale.ROOT,
                "Imbalance: %s has %d training images, %s only %d (%.1f : 1)",
                labels.name(largest()),
                train[largest()],
                labels.name(smallest()),
                train[smallest()],
                imbalanceRatio());
    }

    /**
     * Writes {@code class,train,test} rows.
     *
     * @param file the CSV file to write
     * @throws IOException if the file cannot be written
     */
    void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("class,train,test\n");
        for (int c = 0; c < train.length; c++) {
            sb.append(labels.name(c))
                    .append(',')
                    .append(train[c])
                    .append(',')
                    .append(validation[c])
                    .append('\n');
        }
        Files.writeString(file, sb);
    }

    /**
     * Writes a grouped bar chart PNG (train and validation per class) titled with the imbalance.
     *
     * @param file the PNG file to write
     * @throws IOException if the file cannot be written
     */
    void writeChart(Path file) throws IOException {
        Charts.classDistribution(this, file);
    }
}
