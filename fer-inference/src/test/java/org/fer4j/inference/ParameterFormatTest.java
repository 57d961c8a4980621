// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.ParameterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.params loads in fer4j's header-less format and in the format DJL's BaseModel.save writes. */
class ParameterFormatTest {

    @TempDir
    Path tmp;

    @Test
    void parametersSavedTheDjlWayPredictTheSameAsHeaderlessOnes() throws Exception {
        Path plain = TestModels.randomModel(tmp.resolve("plain"), "seed", EmotionLabels.fer2013());
        byte[] start = Arrays.copyOf(Files.readAllBytes(plain.resolve(ModelInfo.PARAMETERS_FILE)), 4);
        assertThat(new String(start, StandardCharsets.US_ASCII)).isNotEqualTo("DJL@");

        Path djl = Files.createDirectories(tmp.resolve("djl"));
        Files.copy(plain.resolve(ModelInfo.FILE_NAME), djl.resolve(ModelInfo.FILE_NAME));
        try (Model model = Model.newInstance("fer4j")) {
            Block block = Architectures.build("seed", 7);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, Preprocessing.inputShape(1));
            try (InputStream in = Files.newInputStream(plain.resolve(ModelInfo.PARAMETERS_FILE))) {
                ParameterFiles.read(block, model.getNDManager(), in);
            }
            model.save(tmp.resolve("saved"), "fer4j");
        }
        Path saved = tmp.resolve("saved").resolve("fer4j-0000.params");
        assertThat(new String(Arrays.copyOf(Files.readAllBytes(saved), 4), StandardCharsets.US_ASCII))
                .isEqualTo("DJL@");
        Files.move(saved, djl.resolve(ModelInfo.PARAMETERS_FILE), StandardCopyOption.REPLACE_EXISTING);

        try (EmotionClassifier a = EmotionClassifier.load(plain);
                EmotionClassifier b = EmotionClassifier.load(djl);
                ZooModel<Image, Classifications> zoo =
                        EmotionClassifier.criteria(djl).loadModel();
                Predictor<Image, Classifications> predictor = zoo.newPredictor()) {
            for (int i = 0; i < 3; i++) {
                BufferedImage face = TestModels.image(i, 50, 60);
                float[] expected = a.predict(face).probabilities();
                assertThat(b.predict(face).probabilities()).containsExactly(expected, within(1e-6f));
                Classifications c = predictor.predict(ImageFactory.getInstance().fromImage(face));
                EmotionPrediction oneView = a.predict(face);
                for (int k = 0; k < expected.length; k++) {
                    assertThat(c.getProbabilities().get(k)).isCloseTo(oneView.probabilities()[k], within(1e-5));
                }
            }
        }
    }
}
