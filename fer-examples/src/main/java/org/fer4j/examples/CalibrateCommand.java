// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.core.Evaluation;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.internal.Calibration;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer calibrate}: fits the temperature that makes a model's probabilities honest on a validation
 * folder and records it in the model's {@code model.json}, which inference then applies.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "Fit the temperature that calibrates a model's probabilities on labelled images (the validation"
                + " split) and record it, with the test-time augmentation it was fitted for, in MODEL/model.json.")
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(
            names = "--data",
            description = "Folder of class sub-folders, or a dataset root with test/ (default: $FER_DATA).")
    Path data;

    @Option(names = "--dry-run", description = "Print the figures without writing model.json.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (model.model == null) {
            System.err.println("fer calibrate: give --model DIR: the temperature is written into DIR/model.json,"
                    + " and the bundled model is read-only");
            return 2;
        }
        try (EmotionClassifier fer = model.load()) {
            EvaluationReport report;
            try (ConsoleProgress progress = new ConsoleProgress()) {
                report = EvaluationReport.evaluate(fer, DataPaths.root(data), progress);
            }
            float[][] p = report.probabilities();
            int[] truth = report.truth();
            int k = fer.labels().size();
            float[] flat = new float[p.length * k];
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(p[i], 0, flat, i * k, k);
            }
            // The probabilities already carry the model's temperature: scaling composes, so multiply.
            double current = fer.info()
                    .inference()
                    .map(ModelInfo.Inference::temperatureOrOne)
                    .orElse(1.0);
            double fitted = Calibration.fitTemperature(flat, truth, k);
            float[] scaled = Calibration.atTemperature(flat, k, fitted);
            float[][] rows = new float[p.length][k];
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(scaled, i * k, rows[i], 0, k);
            }
            Evaluation before = report.evaluation();
            Evaluation after = Evaluation.of(fer.labels(), truth, rows);
            double temperature = current * fitted;
            System.out.printf(
                    Locale.ROOT,
                    "Model %s on %s (%d images), test-time augmentation %s%n",
                    report.model(),
                    report.folder(),
                    truth.length,
                    fer.testTimeAugmentation().id());
            System.out.printf(Locale.ROOT, "%-12s %12s %10s %10s %10s%n", "", "temperature", "accuracy", "NLL", "ECE");
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %12.4f %10.4f %10.4f %10.4f%n",
                    "before",
                    current,
                    before.accuracy(),
                    before.negativeLogLikelihood(),
                    before.expectedCalibrationError());
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %12.4f %10.4f %10.4f %10.4f%n",
                    "after",
                    temperature,
                    after.accuracy(),
                    after.negativeLogLikelihood(),
                    after.expectedCalibrationError());
            if (!dryRun) {
                ModelInfo.read(model.model)
                        .withInference(
                                new ModelInfo.Inference(fer.testTimeAugmentation(), before.accuracy(), temperature))
                        .write(model.model);
                System.out.println("Recorded in " + model.model.resolve(ModelInfo.FILE_NAME));
            }
            return 0;
        }
    }
}
