// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole images as single faces: the same predictions as EmotionClassifier.predict(Path), and error rows. */
class ScoreImagesTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    @Test
    void scoresLikePredictAndTurnsBadFilesIntoErrorRows() throws Exception {
        List<Path> faces = TestData.writeFaces(dir);
        Map<String, String> bad = Map.of(
                TestData.zeroBytes(dir).getFileName().toString(), "Empty image bytes",
                TestData.notAnImage(dir).getFileName().toString(), "Not a decodable image",
                TestData.truncated(dir).getFileName().toString(), "Not a decodable image",
                TestData.hugePixelCount(dir).getFileName().toString(), "too large");

        EmotionScorer scorer = EmotionScorer.builder().optBatchSize(3).build(spark);
        Dataset<Row> in = EmotionScorer.readFiles(spark, dir.toString());
        List<Row> rows = scorer.scoreImages(in).collectAsList();

        assertThat(rows).hasSize(faces.size() + bad.size());
        assertThat(rows.get(0).schema().fieldNames())
                .doesNotContain("content")
                .contains("path", "emotion", "probability", "error")
                .contains(scorer.labels().toArray(new String[0]));
        Map<String, Row> byName = new HashMap<>();
        rows.forEach(r -> byName.put(
                Path.of(java.net.URI.create(r.<String>getAs("path")))
                        .getFileName()
                        .toString(),
                r));
        // fer predict loads the model with its own test-time augmentation, as the scorer does by default.
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            for (Path face : faces) {
                Row r = byName.get(face.getFileName().toString());
                EmotionPrediction expected = fer.predict(face);
                assertThat(r.<String>getAs("error")).isNull();
                assertThat(r.<String>getAs("emotion")).isEqualTo(expected.label());
                assertThat(r.<Float>getAs("probability")).isCloseTo(expected.probability(), within(1e-5f));
                for (String label : scorer.labels()) {
                    assertThat(r.<Float>getAs(label)).isCloseTo(expected.probability(label), within(1e-5f));
                }
            }
        }
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Row r = byName.get(e.getKey());
            assertThat(r.<String>getAs("error")).as(e.getKey()).contains(e.getValue());
            assertThat(r.<String>getAs("emotion")).isNull();
            assertThat(r.<Float>getAs("probability")).isNull();
        }
    }

    @Test
    void anExplicitTestTimeAugmentationIsUsed() throws Exception {
        List<Path> faces = TestData.writeFaces(dir);
        EmotionScorer scorer = EmotionScorer.builder()
                .optTestTimeAugmentation(TestTimeAugmentation.NONE)
                .build(spark);
        List<Row> rows = scorer.scoreImages(
                        spark.read().format("binaryFile").load(faces.get(0).toString()))
                .collectAsList();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                org.fer4j.inference.ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE))) {
            EmotionPrediction expected = fer.predict(faces.get(0));
            assertThat(rows)
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.<Float>getAs("probability")).isCloseTo(expected.probability(), within(1e-5f)));
        }
    }
}
