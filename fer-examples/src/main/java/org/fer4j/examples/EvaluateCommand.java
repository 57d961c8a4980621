// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.camera.FaceDetector;
import org.fer4j.camera.internal.PhotoEvaluation;
import org.fer4j.core.Evaluation;
import org.fer4j.core.SkippedFile;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fer evaluate}: accuracy, classification report and confusion matrix of a model on labelled images. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a model on a folder of class sub-folders (or a dataset root, whose test/ is used).")
final class EvaluateCommand implements Callable<Integer> {

    /** Paths listed on the console per kind (no face, several faces); evaluation.json lists them all. */
    private static final int LISTED = 20;

    @Mixin
    ModelOption model;

    @Mixin
    DetectorOption detector;

    @Option(
            names = "--data",
            description = "Folder of class sub-folders, or a dataset root with test/ (default: $FER_DATA).")
    Path data;

    @Option(
            names = "--report-dir",
            description = "Where to write evaluation.json, classification_report.txt, predictions.csv,"
                    + " confusion_matrix.png, reliability_diagram.png and confident_mistakes.png.")
    Path reportDir;

    @Option(
            names = "--detect",
            description = "The images are uncropped photos: find the faces in each and classify "
                    + "the largest (photos without a face are counted and left out of the metrics).")
    boolean detect;

    @Override
    public Integer call() throws Exception {
        if (detector.problem() != null) {
            System.err.println("fer evaluate: " + detector.problem());
            return 2;
        }
        // Before the model loads: a report that cannot be written would throw the whole evaluation away.
        Optional<String> unusable = usageError();
        if (unusable.isPresent()) {
            System.err.println("fer evaluate: " + unusable.get());
            return 2;
        }
        try (EmotionClassifier fer = model.load()) {
            EvaluationReport report;
            if (detect) {
                try (FaceDetector faces = detector.open(false);
                        FaceAnalyzer analyzer = FaceAnalyzer.builder()
                                .setClassifier(fer)
                                .optDetector(faces)
                                .build()) {
                    PhotoEvaluation e;
                    try (ConsoleProgress progress = new ConsoleProgress()) {
                        e = PhotoEvaluation.evaluate(analyzer, DataPaths.root(data), progress);
                    }
                    report = e.report();
                    System.out.printf(
                            Locale.ROOT,
                            "Model %s on %s, faces found by %s: %d photos, %d classified, "
                                    + "%d without a face (left out of the metrics), %d with several faces (largest used)%n",
                            report.model(),
                            report.folder(),
                            detector.kind.name().toLowerCase(Locale.ROOT),
                            e.photos(),
                            report.evaluation().total(),
                            e.noFace().size(),
                            e.severalFaces().size());
                    System.out.print(report.evaluation().classificationReport());
                    System.out.printf(
                            Locale.ROOT,
                            "accuracy over all %d photos (no face counts as wrong): %.4f%n",
                            e.photos(),
                            e.accuracyOverPhotos());
                    list("no face found", e.noFace());
                    list("several faces, largest used", e.severalFaces());
                }
            } else {
                try (ConsoleProgress progress = new ConsoleProgress()) {
                    report = EvaluationReport.evaluate(fer, DataPaths.root(data), progress);
                }
                System.out.printf(
                        Locale.ROOT,
                        "Model %s on %s (%d images, test-time augmentation: %s)%n",
                        report.model(),
                        report.folder(),
                        report.evaluation().total(),
                        ModelOption.views(fer));
                System.out.print(report.evaluation().classificationReport());
            }
            Evaluation figures = report.evaluation();
            System.out.printf(
                    Locale.ROOT,
                    "expected calibration error (%d bins): %.4f, negative log-likelihood: %.4f%n",
                    Evaluation.CALIBRATION_BINS,
                    figures.expectedCalibrationError(),
                    figures.negativeLogLikelihood());
            report.selectionSplit().ifPresent(note -> System.out.println("Note: " + note));
            for (SkippedFile s : report.skipped()) {
                System.out.println("skipped " + s.path() + ": " + s.reason());
            }
            if (reportDir != null) {
                report.write(reportDir);
                System.out.println("Report written to " + reportDir + ": evaluation.json, classification_report.txt,"
                        + " predictions.csv, confusion_matrix.png, reliability_diagram.png, confident_mistakes.png");
            }
        }
        return 0;
    }

    /** The first usage error among the report folder and the data folder, found before any work. */
    private Optional<String> usageError() throws java.io.IOException {
        if (reportDir != null && reportDir.toString().isBlank()) {
            return Optional.of("--report-dir is empty: name the folder to write the report into");
        }
        Optional<String> unusable =
                reportDir == null ? Optional.empty() : PathClashes.unusableOutputFolder("--report-dir", reportDir);
        if (unusable.isPresent()) {
            return unusable;
        }
        Path root;
        try {
            root = DataPaths.root(data);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!java.nio.file.Files.isDirectory(root)) {
            return Optional.of((data != null ? "--data " : "FER_DATA ") + root + ": "
                    + (java.nio.file.Files.exists(root) ? "not a folder" : "no such folder"));
        }
        // A report inside the data would be read back as images of a class on the next run.
        return reportDir == null
                ? Optional.empty()
                : new PathClashes()
                        .input("--data", root, true)
                        .output("--report-dir", reportDir, true)
                        .find();
    }

    private static void list(String what, List<Path> paths) {
        for (Path p : paths.subList(0, Math.min(LISTED, paths.size()))) {
            System.out.println(what + ": " + p);
        }
        if (paths.size() > LISTED) {
            System.out.println(
                    what + ": ... and " + (paths.size() - LISTED) + " more (all in evaluation.json with --report-dir)");
        }
    }
}
