package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.ModelLoadException;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --flip} options shared by the commands that classify. */
final class ModelOption {

    @Option(names = "--model", description = "Model folder written by `fer train` (default: the bundled model).")
    Path model;

    @Option(names = "--flip", description = "Also classify each face mirrored and average (twice the compute; it did not raise the bundled model's validation accuracy).")
    boolean flip;

    EmotionClassifier load() throws ModelLoadException {
        ClassifierOptions options = ClassifierOptions.builder().optFlipAveraging(flip).build();
        return model == null ? EmotionClassifier.loadDefault(options) : EmotionClassifier.load(model, options);
    }
}
