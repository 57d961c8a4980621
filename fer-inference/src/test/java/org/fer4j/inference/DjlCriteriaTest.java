// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.TestTimeAugmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fer4j model loaded the DJL way (Criteria, ZooModel, Classifications) predicts what EmotionClassifier does. */
class DjlCriteriaTest {

    private static final ClassifierOptions NO_FLIP =
            ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE);

    @TempDir
    Path tmp;

    @Test
    void folderModelGivesTheClassifiersProbabilities() throws Exception {
        Path dir = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(ImageFactory.getInstance().fromImage(TestModels.image(i, 40 + 9 * i, 56)));
        }
        try (EmotionClassifier fer = EmotionClassifier.load(dir, NO_FLIP);
                ZooModel<Image, Classifications> model =
                        EmotionClassifier.criteria(dir).loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            for (Image image : images) {
                assertSame(predictor.predict(image), fer.predict(image));
            }
            List<Classifications> batch = predictor.batchPredict(images);
            for (int i = 0; i < images.size(); i++) {
                assertSame(batch.get(i), fer.predict(images.get(i)));
            }
        }
    }

    @Test
    void bundledModelGivesTheClassifiersProbabilities() throws Exception {
        Path happy = Path.of(getClass().getResource("/sample70/happy").toURI());
        List<Path> faces;
        try (var files = Files.list(happy)) {
            faces = files.sorted().limit(3).toList();
        }
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(NO_FLIP);
                ZooModel<Image, Classifications> model =
                        EmotionClassifier.defaultCriteria().loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            for (Path face : faces) {
                Image image = ImageFactory.getInstance().fromFile(face);
                assertSame(predictor.predict(image), fer.predict(image));
            }
        }
    }

    @Test
    void predictionConvertsToClassificationsInLabelOrder() {
        EmotionPrediction p = new EmotionPrediction(EmotionLabels.of("a", "b", "c"), new float[] {0.2f, 0.5f, 0.3f});
        Classifications c = p.toClassifications();
        assertThat(c.getClassNames()).containsExactly("a", "b", "c");
        assertThat(c.best().getClassName()).isEqualTo("b");
        assertThat(c.get("c").getProbability()).isEqualTo((double) 0.3f);
    }

    @Test
    void aFolderWithoutAModelIsALoadErrorNamingTheFile() {
        assertThatThrownBy(() -> EmotionClassifier.criteria(tmp))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("model.json");
    }

    private static void assertSame(Classifications djl, EmotionPrediction fer) {
        assertThat(djl.getClassNames()).isEqualTo(fer.labels().names());
        float[] expected = fer.probabilities();
        // float32 results of batches of different sizes may differ in the last bits (1.01e-6 seen once).
        for (int i = 0; i < expected.length; i++) {
            assertThat(djl.getProbabilities().get(i)).isCloseTo(expected[i], within(1e-5));
        }
        assertThat(djl.best().getClassName()).isEqualTo(fer.label());
    }
}
