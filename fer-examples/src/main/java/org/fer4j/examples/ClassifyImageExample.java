package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/** Example: classify one face image with the bundled default model. */
public final class ClassifyImageExample {

    private ClassifyImageExample() {
    }

    /** Usage: {@code ClassifyImageExample face.jpg}. */
    public static void main(String[] args) throws Exception {
        System.out.println(run(args));
    }

    /** Classifies the image file {@code args[0]} and returns the prediction. */
    public static EmotionPrediction run(String[] args) throws Exception {
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            return fer.predict(Path.of(args[0]));
        }
    }
}
