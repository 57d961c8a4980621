// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.util.List;
import java.util.Locale;

/**
 * The text of {@link Evaluation#classificationReport()}, laid out like scikit-learn's
 * {@code classification_report}; kept apart from the metrics so the layout can change without touching them.
 */
final class ClassificationReport {

    private ClassificationReport() {}

    /** Returns the report: one line per class, accuracy, macro and weighted averages, loss, ECE, confusion matrix. */
    static String format(Evaluation e) {
        List<String> names = e.labels().names();
        int width = Math.max(12, names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder();
        String head = "%" + width + "s %9s %9s %9s %9s%n";
        String row = "%" + width + "s %9.4f %9.4f %9.4f %9d%n";
        sb.append(String.format(Locale.ROOT, head, "", "precision", "recall", "f1-score", "support"))
                .append('\n');
        for (String label : names) {
            sb.append(String.format(
                    Locale.ROOT, row, label, e.precision(label), e.recall(label), e.f1(label), e.support(label)));
        }
        sb.append('\n');
        sb.append(String.format(
                Locale.ROOT, "%" + width + "s %9s %9s %9.4f %9d%n", "accuracy", "", "", e.accuracy(), e.total()));
        sb.append(String.format(
                Locale.ROOT, row, "macro avg", e.macro(e::precision), e.macro(e::recall), e.macroF1(), e.total()));
        sb.append(String.format(
                Locale.ROOT,
                row,
                "weighted avg",
                e.weighted(e::precision),
                e.weighted(e::recall),
                e.weightedF1(),
                e.total()));
        sb.append(String.format(Locale.ROOT, "%nloss (mean cross-entropy, negative log-likelihood): %.4f%n", e.loss()));
        sb.append(String.format(
                Locale.ROOT,
                "expected calibration error (%d bins): %.4f%n",
                Evaluation.CALIBRATION_BINS,
                e.expectedCalibrationError()));
        sb.append("\nConfusion matrix (rows: true class, columns: predicted class):\n");
        sb.append(String.format(Locale.ROOT, "%" + width + "s", ""));
        for (String label : names) {
            sb.append(String.format(Locale.ROOT, " %8.8s", label));
        }
        sb.append('\n');
        int[][] confusion = e.confusionMatrix();
        for (int t = 0; t < confusion.length; t++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "s", e.labels().name(t)));
            for (int p = 0; p < confusion[t].length; p++) {
                sb.append(String.format(Locale.ROOT, " %8d", confusion[t][p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
