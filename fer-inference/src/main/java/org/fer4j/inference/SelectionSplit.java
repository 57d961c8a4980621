// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.fer4j.core.Evaluation;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.internal.FaceFolder;

/** Recognises the split a model's best epoch was chosen on, so its figures are called validation figures. */
final class SelectionSplit {

    private SelectionSplit() {}

    /**
     * Whether {@code folder} is the split that chose the model's epoch: training keeps the epoch that did best
     * on {@code test/} of its dataset root, recorded in {@code model.json}. The same folder (after links are
     * followed) counts, and so does a copy elsewhere with exactly the recorded number of images per class.
     */
    static String note(ModelInfo info, Path folder, Evaluation evaluation) {
        if (info.results().isEmpty()
                || info.provenance().isEmpty()
                || info.provenance().get().data() == null) {
            return null;
        }
        Path validation = Path.of(info.provenance().get().data()).resolve(FaceFolder.VALIDATION_SPLIT);
        if (same(validation, folder)) {
            return EvaluationReport.SELECTION_SPLIT_NOTE;
        }
        Map<String, Integer> recorded = info.provenance().get().validationImagesPerClass();
        if (recorded.isEmpty()
                || !recorded.keySet()
                        .equals(new LinkedHashSet<>(evaluation.labels().names()))) {
            return null;
        }
        for (String label : evaluation.labels().names()) {
            if (recorded.get(label) != evaluation.support(label)) {
                return null;
            }
        }
        return EvaluationReport.SELECTION_SPLIT_NOTE + " (matched by its image count per class, " + evaluation.total()
                + " images)";
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
