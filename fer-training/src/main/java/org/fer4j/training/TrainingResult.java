// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.core.SkippedFile;

/**
 * The outcome of a training run.
 *
 * @param outputDir the folder holding the model and reports
 * @param history every finished epoch, resumed ones included
 * @param bestEpoch the epoch whose weights the saved model holds
 * @param validationLoss loss of the restored best model on the validation split ({@code test/}, which
 *     chose the best epoch, so it is a validation figure, not a held-out test figure)
 * @param validationAccuracy accuracy of the restored best model on the validation split
 * @param stoppedEarly whether early stopping ended the run
 * @param interrupted whether a stop request ended the run before it finished (it can be resumed)
 * @param skipped files left out of the data
 */
public record TrainingResult(
        Path outputDir,
        List<EpochRecord> history,
        int bestEpoch,
        double validationLoss,
        double validationAccuracy,
        boolean stoppedEarly,
        boolean interrupted,
        List<SkippedFile> skipped) {

    /** The train-minus-validation accuracy gap above which a run is called overfitted. */
    public static final double OVERFITTING_GAP = 0.10;

    /**
     * Returns the last epoch's training accuracy.
     *
     * @return the training accuracy, 0 to 1, or NaN when no epoch ran
     */
    public double finalTrainAccuracy() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).accuracy();
    }

    /**
     * Returns the last epoch's validation accuracy.
     *
     * @return the validation accuracy, 0 to 1, or NaN when no epoch ran
     */
    public double finalValAccuracy() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).valAccuracy();
    }

    /**
     * Returns a one-line overfitting diagnosis comparing final training and validation accuracy.
     *
     * @return the diagnosis sentence
     */
    public String diagnosis() {
        double gap = finalTrainAccuracy() - finalValAccuracy();
        String figures = String.format(
                java.util.Locale.ROOT,
                "final train accuracy %.4f, validation accuracy %.4f (gap %.4f)",
                finalTrainAccuracy(),
                finalValAccuracy(),
                gap);
        return gap > OVERFITTING_GAP
                ? "Overfitting: " + figures + " exceeds " + OVERFITTING_GAP
                : "No marked overfitting: " + figures + " is within " + OVERFITTING_GAP;
    }
}
