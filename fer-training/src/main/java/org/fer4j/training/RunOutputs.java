// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.FaceFolder;

/** What a run writes besides checkpoints: the data reports before training, and model.json and the curves after. */
final class RunOutputs {

    private RunOutputs() {}

    /** Writes {@code model.json} (settings, results, provenance) and the training curves of a finished run. */
    static void writeModel(TrainingResult result, TrainingSpec spec, TrainValidationData data, String started)
            throws IOException {
        ModelInfo.of(spec.architecture(), data.train().labels(), spec.preprocessing())
                .withTraining(spec)
                .withResults(results(result))
                .withProvenance(provenance(data, result.skipped(), started))
                .write(result.outputDir());
        Charts.trainingCurves(result.history(), result.outputDir().resolve("training_curves.png"));
    }

    /** Writes what the data says before training: the class distribution, the skipped files and the labels. */
    static List<SkippedFile> writeDataReports(Path out, TrainValidationData data) throws IOException {
        data.writeDistribution(out);
        List<SkippedFile> skipped = data.skipped();
        writeSkipped(out.resolve("skipped_files.csv"), skipped);
        data.labels().write(out.resolve(EmotionLabels.FILE_NAME));
        return skipped;
    }

    private static ModelInfo.Results results(TrainingResult r) {
        return new ModelInfo.Results(
                r.bestEpoch(),
                r.history().size(),
                "test/ of the dataset root; it chose the best epoch, so its figures are validation figures",
                r.validationLoss(),
                r.validationAccuracy(),
                r.finalTrainAccuracy(),
                r.finalValAccuracy(),
                r.diagnosis(),
                r.stoppedEarly(),
                !r.interrupted());
    }

    private static ModelInfo.Provenance provenance(
            TrainValidationData data, List<SkippedFile> skipped, String started) {
        return new ModelInfo.Provenance(
                data.root().toAbsolutePath().normalize().toString(),
                perClass(data.train()),
                perClass(data.validation()),
                skipped.size(),
                Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " "
                        + Engine.getInstance().getVersion(),
                System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                started,
                Instant.now().toString());
    }

    private static Map<String, Integer> perClass(FaceFolder f) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int[] counts = f.countsPerClass();
        for (int c = 0; c < counts.length; c++) {
            m.put(f.labels().name(c), counts[c]);
        }
        return m;
    }

    private static void writeSkipped(Path file, List<SkippedFile> skipped) throws IOException {
        StringBuilder sb = new StringBuilder("path,reason\n");
        for (SkippedFile s : skipped) {
            sb.append('"')
                    .append(s.path().toString().replace("\"", "\"\""))
                    .append("\",\"")
                    .append(s.reason().replace("\"", "\"\""))
                    .append("\"\n");
        }
        Files.writeString(file, sb);
    }
}
