// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.fer4j.inference.EvaluationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance check on FER-2013's test split (read from FER_DATA; skipped when it is not set):
 * {@code fer score --format csv} gives one row per image, equal to {@code fer predict --json} (the same
 * {@code EmotionClassifier.predict(Path)} with the model's own test-time augmentation) to 1e-5, and the accuracy
 * from the rows equals {@code fer evaluate}'s ({@link EvaluationReport#evaluate}).
 */
class FerDataScoreTest {

    @TempDir
    Path dir;

    @Test
    void scoresTheTestSplitLikePredictAndEvaluate() throws Exception {
        String data = System.getenv("FER_DATA");
        assumeTrue(data != null && !data.isBlank(), "FER_DATA is not set: skipping the FER-2013 acceptance test");
        Path test = Path.of(data, "test");
        Path out = dir.resolve("scores");

        assertThat(ScoreApp.execute(
                        "score",
                        "--master",
                        "local[2]",
                        "--input",
                        test.toString(),
                        "--output",
                        out.toString(),
                        "--format",
                        "csv"))
                .isZero();

        List<Path> images;
        try (Stream<Path> s = Files.walk(test)) {
            images = s.filter(Files::isRegularFile).toList();
        }
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            List<Row> rows = spark.read()
                    .option("header", "true")
                    .option("inferSchema", "true")
                    .csv(out.toString())
                    .collectAsList();
            assertThat(rows).hasSize(images.size());
            int correct = 0;
            for (Row r : rows) {
                Path file = Path.of(URI.create(r.<String>getAs("path")));
                EmotionPrediction p = fer.predict(file);
                assertThat(r.<String>getAs("error")).isNull();
                assertThat(r.<String>getAs("emotion")).as(file.toString()).isEqualTo(p.label());
                for (String label : fer.labels().names()) {
                    assertThat(((Number) r.getAs(label)).floatValue())
                            .as(file + " " + label)
                            .isCloseTo(p.probability(label), within(1e-5f));
                }
                if (file.getParent().getFileName().toString().equals(r.<String>getAs("emotion"))) {
                    correct++;
                }
            }
            double evaluate = EvaluationReport.evaluate(fer, test).evaluation().accuracy();
            assertThat((double) correct / rows.size()).isCloseTo(evaluate, within(1e-12));
        } finally {
            spark.stop();
        }
    }
}
