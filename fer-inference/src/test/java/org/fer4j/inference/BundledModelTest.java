package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.junit.jupiter.api.Test;

/** Checks the model bundled in fer-inference's resources. */
class BundledModelTest {

    @Test
    void loadsWithoutConfigurationAndClassifiesRealFaces() throws Exception {
        File[] faces = new File(getClass().getResource("/faces").toURI()).listFiles((d, n) -> n.endsWith(".jpg"));
        assertThat(faces).hasSize(7);
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            assertThat(fer.source()).isEqualTo("default");
            assertThat(fer.labels()).isEqualTo(EmotionLabels.fer2013());
            int correct = 0;
            for (File face : faces) {
                String label = face.getName().substring(0, face.getName().indexOf('_'));
                if (fer.predict(ImageIO.read(face)).label().equals(label)) {
                    correct++;
                }
            }
            // The model scores 43% on the test split; 3 or more of these 7 by chance alone (p = 1/7 each) happens about 6% of the time.
            assertThat(correct).as("sample faces classified as their dataset label").isGreaterThanOrEqualTo(3);
        }
    }

    /** Needs FER-2013: the bundled model must reach on the test split what its model.json reports. */
    @Test
    @SuppressWarnings("unchecked")
    void reachesItsReportedAccuracyOnTheTestSplit() throws Exception {
        String data = System.getenv("FER_DATA");
        assumeTrue(data != null && Files.isDirectory(Path.of(data, "test")),
                "FER_DATA is not set to a FER-2013 root with test/: skipping the bundled model's accuracy check");
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                ClassifierOptions.builder().optFlipAveraging(false).build())) {
            Map<String, Object> results = (Map<String, Object>) fer.info().sections().get("results");
            double reported = ((Number) results.get("testAccuracy")).doubleValue();
            EvaluationReport report = EvaluationReport.evaluate(fer, Path.of(data, "test"));
            Map<String, Object> provenance = (Map<String, Object>) fer.info().sections().get("provenance");
            int trainedTestImages = ((Map<String, Integer>) provenance.get("testImagesPerClass")).values().stream()
                    .mapToInt(Integer::intValue).sum();
            assumeTrue(report.evaluation().total() == trainedTestImages, "FER_DATA/test holds "
                    + report.evaluation().total() + " images, not the " + trainedTestImages
                    + " the model was validated on: skipping the comparison with its reported accuracy");
            assertThat(report.evaluation().accuracy()).isCloseTo(reported, org.assertj.core.api.Assertions.within(0.002));
        }
    }
}
