// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.ModelLoadException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --tta} options shared by the commands that classify. */
final class ModelOption {

    @Option(names = "--model", description = "Model folder written by `fer train` (default: the bundled model).")
    Path model;

    @Option(
            names = "--tta",
            paramLabel = "none|flip|ten-crop",
            converter = TtaConverter.class,
            description = "Views of each face to average: none, flip (2 passes), ten-crop (10 passes)"
                    + " (default: as the model's model.json says).")
    TestTimeAugmentation tta;

    EmotionClassifier load() throws ModelLoadException {
        return load(null);
    }

    /** Loads the model; {@code fallback}, when not null, replaces the model's own choice when --tta is absent. */
    EmotionClassifier load(TestTimeAugmentation fallback) throws ModelLoadException {
        ClassifierOptions.Builder options = ClassifierOptions.builder();
        TestTimeAugmentation chosen = tta != null ? tta : fallback;
        if (chosen != null) {
            options.optTestTimeAugmentation(chosen);
        }
        return model == null
                ? EmotionClassifier.loadDefault(options.build())
                : EmotionClassifier.load(model, options.build());
    }

    /** Reads --tta by its model.json name. */
    static final class TtaConverter implements ITypeConverter<TestTimeAugmentation> {
        @Override
        public TestTimeAugmentation convert(String value) {
            return TestTimeAugmentation.of(value);
        }
    }
}
