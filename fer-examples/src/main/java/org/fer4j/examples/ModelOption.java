package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.ModelLoadException;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --no-flip} options shared by the commands that classify. */
final class ModelOption {

    @Option(names = "--model", description = "Model folder written by `fer train` (default: the bundled model).")
    Path model;

    @Option(names = "--no-flip", description = "Do not average each face with its mirror image (faster, slightly less accurate).")
    boolean noFlip;

    EmotionClassifier load() throws ModelLoadException {
        ClassifierOptions options = ClassifierOptions.builder().optFlipAveraging(!noFlip).build();
        return model == null ? EmotionClassifier.loadDefault(options) : EmotionClassifier.load(model, options);
    }
}
