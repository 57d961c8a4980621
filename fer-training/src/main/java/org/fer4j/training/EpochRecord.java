// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

/**
 * The figures of one finished epoch, one row of the history CSV.
 *
 * @param epoch the epoch number, from 1
 * @param loss mean training loss
 * @param accuracy training accuracy (with dropout and augmentation active)
 * @param valLoss validation loss
 * @param valAccuracy validation accuracy
 * @param learningRate the learning rate at the end of the epoch
 * @param seconds wall-clock seconds the epoch took, validation included
 */
public record EpochRecord(
        int epoch,
        double loss,
        double accuracy,
        double valLoss,
        double valAccuracy,
        double learningRate,
        double seconds) {

    /** The CSV header, matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds";

    /**
     * Returns this record as one CSV line without a line break.
     *
     * @return the CSV line
     */
    public String toCsv() {
        return String.format(
                java.util.Locale.ROOT,
                "%d,%.6f,%.6f,%.6f,%.6f,%.8f,%.2f",
                epoch,
                loss,
                accuracy,
                valLoss,
                valAccuracy,
                learningRate,
                seconds);
    }

    /**
     * Parses a line written by {@link #toCsv()}.
     *
     * @param line a CSV line
     * @return the record it holds
     */
    public static EpochRecord parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("Not a history row (7 columns expected): " + line);
        }
        return new EpochRecord(
                Integer.parseInt(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]));
    }

    /** Returns the value of a validation metric by its column name. */
    double metric(TrainingSpec.Monitor monitor) {
        return monitor == TrainingSpec.Monitor.VAL_LOSS ? valLoss : valAccuracy;
    }
}
