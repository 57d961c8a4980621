// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.TestTimeAugmentation;
import org.junit.jupiter.api.Test;

/** Checks the model bundled in fer-inference's resources. */
class BundledModelTest {

    /**
     * The first 10 faces by file name of each class of FER-2013's PublicTest split (70 images, bundled):
     * a real model classifies well over half of them, chance (1 in 7) about 10 of 70.
     */
    @Test
    void loadsWithoutConfigurationAndClassifiesSeventyRealFaces() throws Exception {
        Path root = Path.of(getClass().getResource("/sample70").toURI());
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            assertThat(fer.source()).isEqualTo("default");
            assertThat(fer.labels()).isEqualTo(EmotionLabels.fer2013());
            EvaluationReport report = EvaluationReport.evaluate(fer, root);
            assertThat(report.evaluation().total()).isEqualTo(70);
            assertThat(report.evaluation().accuracy())
                    .as("accuracy on the 70 bundled PublicTest faces")
                    .isGreaterThanOrEqualTo(0.55);
        }
    }

    /** The bundled model.json's sections read as the figures it holds. */
    @Test
    void describesHowItWasTrained() throws Exception {
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            ModelInfo.Results results = fer.info().results().orElseThrow();
            assertThat(fer.info().architecture()).isEqualTo("vgg-48");
            assertThat(results.bestEpoch()).isEqualTo(57);
            assertThat(results.epochsRun()).isEqualTo(60);
            assertThat(results.validationAccuracy()).isEqualTo(0.6831986625801059);
            assertThat(results.validationLoss()).isEqualTo(0.9243976037741845);
            assertThat(results.stoppedEarly()).isFalse();
            assertThat(results.complete()).isTrue();
            ModelInfo.Provenance provenance = fer.info().provenance().orElseThrow();
            assertThat(provenance.trainImagesPerClass().keySet())
                    .containsExactlyElementsOf(EmotionLabels.fer2013().names());
            assertThat(provenance.validationImagesPerClass().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum())
                    .isEqualTo(3589);
            assertThat(provenance.engine()).isEqualTo("PyTorch 2.5.1");
        }
    }

    /** Needs FER-2013: the bundled model must reach on the test split what its model.json reports. */
    @Test
    void reachesItsReportedAccuracyOnTheTestSplit() throws Exception {
        String data = System.getenv("FER_DATA");
        assumeTrue(
                data != null && Files.isDirectory(Path.of(data, "test")),
                "FER_DATA is not set to a FER-2013 root with test/: skipping the bundled model's accuracy check");
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE))) {
            double reported = fer.info().results().orElseThrow().validationAccuracy();
            EvaluationReport report = EvaluationReport.evaluate(fer, Path.of(data, "test"));
            int trainedTestImages = fer.info().provenance().orElseThrow().validationImagesPerClass().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            assumeTrue(
                    report.evaluation().total() == trainedTestImages,
                    "FER_DATA/test holds "
                            + report.evaluation().total() + " images, not the " + trainedTestImages
                            + " the model was validated on: skipping the comparison with its reported accuracy");
            assertThat(report.evaluation().accuracy())
                    .isCloseTo(reported, org.assertj.core.api.Assertions.within(1e-9));
            // The split chose the model's epoch, and the report says so.
            assertThat(report.selectionSplit()).get().asString().startsWith(EvaluationReport.SELECTION_SPLIT_NOTE);
        }
    }

    /**
     * Needs FER-2013: loaded as users load it (with the test-time augmentation its model.json names), the
     * bundled model reaches the accuracy its inference section records, and the project's bar of 70%.
     */
    @Test
    void asLoadedByDefaultReachesSeventyPercentOnTheTestSplit() throws Exception {
        String data = System.getenv("FER_DATA");
        assumeTrue(
                data != null && Files.isDirectory(Path.of(data, "test")),
                "FER_DATA is not set to a FER-2013 root with test/: skipping the bundled model's default accuracy check");
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            InferenceSettings inference = fer.info().inference().orElseThrow();
            assertThat(fer.testTimeAugmentation()).isEqualTo(inference.testTimeAugmentation());
            EvaluationReport report = EvaluationReport.evaluate(fer, Path.of(data, "test"));
            assumeTrue(
                    report.evaluation().total() == 3589,
                    "FER_DATA/test holds " + report.evaluation().total()
                            + " images, not the 3589 of PublicTest: skipping the comparison");
            assertThat(report.evaluation().accuracy())
                    .isCloseTo(inference.validationAccuracy(), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(report.evaluation().accuracy()).isGreaterThanOrEqualTo(0.70);
        }
    }
}
