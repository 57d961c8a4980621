// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;
import org.fer4j.core.internal.TextFields;

/**
 * Writes the files of an {@link EvaluationReport}, each through a temporary sibling renamed into place, so
 * the report stays a value and the file formats live here.
 */
final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    /**
     * Writes the report's files into {@code dir}; see {@link EvaluationReport#write(Path)}. The three
     * per-image arrays are empty when the predictions are unknown.
     */
    static void write(EvaluationReport report, List<Path> files, int[] truth, float[][] probabilities, Path dir)
            throws IOException {
        Evaluation evaluation = report.evaluation();
        Files.createDirectories(dir);
        writeFile(dir.resolve("evaluation.json"), f -> JSON.writeValue(f.toFile(), report.toJson()));
        StringBuilder text = new StringBuilder();
        text.append("data: ")
                .append(report.folder().toAbsolutePath().normalize())
                .append('\n');
        text.append("model: ").append(report.model()).append('\n');
        report.selectionSplit()
                .ifPresent(note -> text.append("note: ").append(note).append('\n'));
        text.append('\n').append(evaluation.classificationReport());
        Map<String, Object> details = report.details();
        if (details.values().stream().anyMatch(v -> v instanceof Number || v instanceof CharSequence)) {
            text.append('\n');
            details.forEach((key, value) -> {
                if (value instanceof Number || value instanceof CharSequence) {
                    text.append(key).append(": ").append(value).append('\n');
                }
            });
        }
        writeFile(dir.resolve("classification_report.txt"), f -> Files.writeString(f, text.toString()));
        writeFile(dir.resolve("confusion_matrix.png"), f -> ConfusionMatrixChart.write(evaluation, f));
        writeFile(dir.resolve("reliability_diagram.png"), f -> ReportCharts.reliabilityDiagram(evaluation, f));
        if (!files.isEmpty()) {
            writeFile(
                    dir.resolve("predictions.csv"),
                    f -> writePredictions(f, evaluation.labels(), files, truth, probabilities));
            writeFile(
                    dir.resolve("confident_mistakes.png"),
                    f -> ReportCharts.mistakesGallery(
                            evaluation.labels(),
                            ReportCharts.mistakes(
                                    evaluation.labels().size(),
                                    files,
                                    truth,
                                    probabilities,
                                    ReportCharts.MISTAKES_PER_CLASS),
                            f));
        }
    }

    /** Writes a report file; {@code file} is where to write it (a temporary sibling with the same extension). */
    @FunctionalInterface
    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * Writes one report file through a temporary sibling renamed into place, so a failure (a full disk)
     * leaves no truncated file behind and the message names the file that could not be written.
     */
    /** Each class's precision, recall, F1 and support by label, in label order, as {@code evaluation.json} holds them. */
    static Map<String, Map<String, Object>> perClass(Evaluation e) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (String label : e.labels().names()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("precision", e.precision(label));
            c.put("recall", e.recall(label));
            c.put("f1", e.f1(label));
            c.put("support", e.support(label));
            m.put(label, c);
        }
        return m;
    }

    /** The reliability diagram's bins, lowest first, as {@code evaluation.json} holds them. */
    static List<Map<String, Object>> calibrationBins(Evaluation e) {
        List<Map<String, Object>> bins = new ArrayList<>();
        for (int b = 0; b < Evaluation.CALIBRATION_BINS; b++) {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("lower", (double) b / Evaluation.CALIBRATION_BINS);
            bin.put("upper", (double) (b + 1) / Evaluation.CALIBRATION_BINS);
            bin.put("count", e.calibrationCount(b));
            bin.put("meanConfidence", e.calibrationConfidence(b));
            bin.put("accuracy", e.calibrationAccuracy(b));
            bins.add(bin);
        }
        return bins;
    }

    private static void writeFile(Path target, FileWriter writer) throws IOException {
        Path tmp = target.resolveSibling(".writing-" + target.getFileName());
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IOException(
                    target + ": could not be written ("
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()) + ")",
                    e);
        }
    }

    /** One line per image: file, true label, predicted label, then each label's probability. */
    private static void writePredictions(
            Path file, EmotionLabels labels, List<Path> files, int[] truth, float[][] probabilities)
            throws IOException {
        StringBuilder csv = new StringBuilder("file,true,predicted");
        for (String label : labels.names()) {
            csv.append(',').append(TextFields.csv("p_" + label));
        }
        csv.append('\n');
        for (int i = 0; i < files.size(); i++) {
            int predicted = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][predicted]) {
                    predicted = c;
                }
            }
            csv.append(TextFields.csv(files.get(i).toString()))
                    .append(',')
                    .append(TextFields.csv(labels.name(truth[i])))
                    .append(',')
                    .append(TextFields.csv(labels.name(predicted)));
            for (float p : probabilities[i]) {
                csv.append(',').append(String.format(Locale.ROOT, "%.6f", p));
            }
            csv.append('\n');
        }
        Files.writeString(file, csv.toString());
    }
}
