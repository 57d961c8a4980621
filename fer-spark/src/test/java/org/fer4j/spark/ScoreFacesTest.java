// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every face of a photo, as FaceAnalyzer (fer predict --detect) finds and classifies it. */
class ScoreFacesTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    @Test
    void oneRowPerFaceAndOneForAPhotoWithoutFaces() throws Exception {
        Path group = TestData.groupPhoto(dir);
        Path empty = TestData.emptyPhoto(dir);
        Path notes = TestData.notAnImage(dir);
        Path huge = TestData.hugePixelCount(dir);

        EmotionScorer scorer = EmotionScorer.builder().build(spark);
        List<Row> rows =
                scorer.scoreFaces(spark.read().format("binaryFile").load(dir.toString())).collectAsList().stream()
                        .sorted(Comparator.comparing((Row r) -> r.<String>getAs("path"))
                                .thenComparing(r -> r.<Integer>getAs("face")))
                        .toList();

        List<Row> groupRows =
                rows.stream().filter(r -> name(r).equals("group.png")).toList();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault();
                YuNetFaceDetector detector = YuNetFaceDetector.create();
                FaceAnalyzer analyzer = FaceAnalyzer.builder()
                        .setClassifier(fer)
                        .optDetector(detector)
                        .build()) {
            List<AnalyzedFace> expected = analyzer.analyze(group);
            assertThat(expected).hasSize(2);
            assertThat(groupRows).hasSize(2);
            for (int i = 0; i < expected.size(); i++) {
                Row r = groupRows.get(i);
                AnalyzedFace f = expected.get(i);
                assertThat(r.<Integer>getAs("face")).isEqualTo(i + 1);
                assertThat(List.of(
                                r.<Integer>getAs("x"),
                                r.<Integer>getAs("y"),
                                r.<Integer>getAs("width"),
                                r.<Integer>getAs("height")))
                        .containsExactly(
                                f.box().x(),
                                f.box().y(),
                                f.box().width(),
                                f.box().height());
                assertThat(r.<Double>getAs("right_eye_x"))
                        .isCloseTo(
                                f.detection()
                                        .landmarks()
                                        .orElseThrow()
                                        .rightEye()
                                        .getX(),
                                within(1e-9));
                assertThat(r.<String>getAs("emotion")).isEqualTo(f.prediction().label());
                for (String label : scorer.labels()) {
                    assertThat(r.<Float>getAs(label)).isCloseTo(f.prediction().probability(label), within(1e-5f));
                }
                assertThat(r.<String>getAs("error")).isNull();
            }
        }
        Row none = rows.stream()
                .filter(r -> name(r).equals(empty.getFileName().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(none.<Integer>getAs("face")).isZero();
        assertThat(none.<String>getAs("emotion")).isNull();
        assertThat(none.<String>getAs("error")).isNull();
        assertThat(rows.stream().filter(r -> name(r).equals(notes.getFileName().toString())))
                .singleElement()
                .satisfies(r -> assertThat(r.<String>getAs("error")).contains("Not a decodable image"));
        assertThat(rows.stream().filter(r -> name(r).equals(huge.getFileName().toString())))
                .singleElement()
                .satisfies(r -> assertThat(r.<String>getAs("error")).contains("too large"));
        assertThat(rows).hasSize(5);
    }

    private static String name(Row r) {
        return Path.of(URI.create(r.<String>getAs("path"))).getFileName().toString();
    }
}
