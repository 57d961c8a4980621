// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import ai.djl.MalformedModelException;
import java.nio.file.Path;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
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

    @Option(
            names = "--centre-crop",
            paramLabel = "SIDE",
            converter = CentreCropConverter.class,
            description = "Classify the central SIDE x SIDE pixels of each 48x48 face, scaled back to 48x48: an even"
                    + " side from 24 to 48, where 48 is the whole face (default: as the model's model.json says).")
    Integer centreCrop;

    EmotionClassifier load() throws MalformedModelException {
        return load(null);
    }

    /** Loads the model; {@code fallback}, when not null, replaces the model's own choice when --tta is absent. */
    EmotionClassifier load(TestTimeAugmentation fallback) throws MalformedModelException {
        return load(fallback, centreCrop);
    }

    /** Loads the model as {@link #load(TestTimeAugmentation)} does, with the given centre crop (null: the model's). */
    EmotionClassifier load(TestTimeAugmentation fallback, Integer side) throws MalformedModelException {
        ClassifierOptions options = ClassifierOptions.defaults();
        TestTimeAugmentation chosen = tta != null ? tta : fallback;
        if (chosen != null) {
            options = options.withTestTimeAugmentation(chosen);
        }
        if (side != null) {
            options = options.withCentreCrop(side);
        }
        return model == null ? EmotionClassifier.loadDefault(options) : EmotionClassifier.load(model, options);
    }

    /** The views a classifier averages, for messages: {@code ten-crop}, or {@code none, centre 46x46}. */
    static String views(EmotionClassifier fer) {
        String tta = fer.testTimeAugmentation().id();
        return fer.centreCrop() == Preprocessing.SIZE
                ? tta
                : tta + ", centre " + fer.centreCrop() + "x" + fer.centreCrop();
    }

    /** Reads --tta by its model.json name. */
    static final class TtaConverter implements ITypeConverter<TestTimeAugmentation> {
        @Override
        public TestTimeAugmentation convert(String value) {
            return TestTimeAugmentation.of(value);
        }
    }

    /** Reads --centre-crop, refusing sides a classifier would not take. */
    static final class CentreCropConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return TestTimeAugmentation.checkCentreCrop(Integer.parseInt(value.trim()));
        }
    }
}
