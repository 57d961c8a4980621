// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/** Example: classify one face image with the bundled default model. */
public final class ClassifyImageExample {

    private ClassifyImageExample() {}

    /**
     * Usage: {@code ClassifyImageExample face.jpg}.
     *
     * @param args the image file
     * @throws Exception if the model or the image cannot be read
     */
    public static void main(String[] args) throws Exception {
        System.out.println(run(args));
    }

    /**
     * Classifies the image file {@code args[0]}.
     *
     * @param args the image file
     * @return the prediction
     * @throws Exception if the model or the image cannot be read
     */
    public static EmotionPrediction run(String[] args) throws Exception {
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            return fer.predict(Path.of(args[0]));
        }
    }
}
