package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.ModelLoadException;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --[no-]flip} options shared by the commands that classify. */
final class ModelOption {

    @Option(names = "--model", description = "Model folder written by `fer train` (default: the bundled model).")
    Path model;

    @Option(names = "--flip", negatable = true, description = "Also classify each face mirrored and average, or"
            + " not (default: as the model's model.json says; twice the compute).")
    Boolean flip;

    EmotionClassifier load() throws ModelLoadException {
        ClassifierOptions.Builder options = ClassifierOptions.builder();
        if (flip != null) {
            options.optFlipAveraging(flip);
        }
        return model == null ? EmotionClassifier.loadDefault(options.build())
                : EmotionClassifier.load(model, options.build());
    }
}
