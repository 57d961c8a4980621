// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EvaluationReport;

/** Example: evaluate the bundled model on a folder of class sub-folders and print the report. */
public final class EvaluateFolderExample {

    private EvaluateFolderExample() {}

    /**
     * Usage: {@code EvaluateFolderExample fer2013/test}.
     *
     * @param args the folder of class sub-folders
     * @throws Exception if the model or the folder cannot be read
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(args).evaluation().classificationReport());
    }

    /**
     * Evaluates the bundled model on the folder {@code args[0]}.
     *
     * @param args the folder of class sub-folders
     * @return the report
     * @throws Exception if the model or the folder cannot be read
     */
    public static EvaluationReport run(String[] args) throws Exception {
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            return EvaluationReport.evaluate(fer, Path.of(args[0]));
        }
    }
}
