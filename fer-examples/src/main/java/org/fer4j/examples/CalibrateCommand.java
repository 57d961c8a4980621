// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.core.Evaluation;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Calibration;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer calibrate}: chooses the centre crop that a model classifies most accurately and fits the
 * temperature that makes its probabilities honest, on a validation folder, and records both in the model's
 * {@code model.json}, which inference then applies.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "On labelled images (the validation split), choose the centre crop (48, 46 or 44 pixels) that"
                + " the model classifies most accurately and fit the temperature that calibrates its probabilities;"
                + " record both, with the test-time augmentation they were fitted for, in MODEL/model.json.")
final class CalibrateCommand implements Callable<Integer> {

    /** The centre crops tried: the whole face, and the two slight enlargements that helped vgg-48 models. */
    private static final int[] CENTRE_CROPS = {48, 46, 44};

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
        int[] sides = model.centreCrop != null ? new int[] {model.centreCrop} : CENTRE_CROPS;
        EvaluationReport best = null;
        EmotionClassifier chosen = null;
        for (int side : sides) {
            try (EmotionClassifier fer = model.load(null, side);
                    ConsoleProgress progress = new ConsoleProgress()) {
                EvaluationReport r = EvaluationReport.evaluate(fer, DataPaths.root(data), progress);
                System.out.printf(
                        Locale.ROOT,
                        "centre crop %2d: accuracy %.4f, NLL %.4f%n",
                        side,
                        r.evaluation().accuracy(),
                        r.evaluation().negativeLogLikelihood());
                // Ties keep the larger crop: enlarging is a choice that has to earn its place.
                if (best == null
                        || r.evaluation().accuracy() > best.evaluation().accuracy()) {
                    best = r;
                    chosen = fer;
                }
            }
        }
        return calibrate(chosen, best);
    }

    /** Fits and records the temperature on {@code report}, made by {@code fer} (closed: read for its settings). */
    private int calibrate(EmotionClassifier fer, EvaluationReport report) throws java.io.IOException {
        float[][] p = report.probabilities();
        int[] truth = report.truth();
        int k = fer.labels().size();
        float[] flat = new float[p.length * k];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(p[i], 0, flat, i * k, k);
        }
        // The probabilities already carry the model's temperature: scaling composes, so multiply.
        double current =
                fer.info().inference().map(InferenceSettings::temperatureOrOne).orElse(1.0);
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
                ModelOption.views(fer));
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
            Integer crop = fer.centreCrop() == Preprocessing.SIZE ? null : fer.centreCrop();
            ModelInfo.read(model.model)
                    .withInference(
                            new InferenceSettings(fer.testTimeAugmentation(), before.accuracy(), temperature, crop))
                    .write(model.model);
            System.out.println("Recorded in " + model.model.resolve(ModelInfo.FILE_NAME));
        }
        return 0;
    }
}
