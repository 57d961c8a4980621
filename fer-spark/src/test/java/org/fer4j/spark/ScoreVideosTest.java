// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.TrackedFace;
import org.fer4j.camera.VideoSource;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Videos through fer detect's loop, one task each: the rows EmotionCamera gives, a summary, error rows. */
class ScoreVideosTest {

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    /** What one face in one frame says, to compare the two runs. */
    private record Seen(long frame, long timestampMs, int track, int x, String emotion, float probability) {}

    @Test
    void rowsMatchTheCameraLoopAndBadVideosAreErrorRows() throws Exception {
        Path video = TestData.video(dir.resolve("talk.mp4"));
        Files.writeString(dir.resolve("broken.mp4"), "not a video");

        EmotionScorer scorer = EmotionScorer.builder().optEveryNthFrame(2).build(spark);
        Dataset<Row> rows = scorer.scoreVideos(
                        spark.read().format("binaryFile").load(dir.toString()).select("path"))
                .cache();
        List<Row> all = rows.collectAsList();

        List<Seen> expected = new ArrayList<>();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                        ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE));
                YuNetFaceDetector detector = YuNetFaceDetector.builder()
                        .optMaxInputSide(YuNetFaceDetector.VIDEO_MAX_INPUT_SIDE)
                        .build();
                EmotionCamera camera = EmotionCamera.builder()
                        .setSource(VideoSource.video(video))
                        .setClassifier(fer)
                        .optDetector(detector)
                        .optEveryNthFrame(2)
                        .build()) {
            camera.run((result, frame) -> {
                if (result.analysed()) {
                    for (TrackedFace f : result.faces()) {
                        expected.add(new Seen(
                                result.frameIndex(),
                                result.timestampMs(),
                                f.track(),
                                f.box().x(),
                                f.prediction().label(),
                                f.prediction().probability()));
                    }
                }
            });
        }
        List<Seen> seen = all.stream()
                .filter(r -> r.<String>getAs("path").endsWith("talk.mp4"))
                .map(r -> new Seen(
                        r.<Long>getAs("frame"),
                        r.<Long>getAs("timestamp_ms"),
                        r.<Integer>getAs("track"),
                        r.<Integer>getAs("x"),
                        r.<String>getAs("emotion"),
                        r.<Float>getAs("probability")))
                .sorted(Comparator.comparingLong(Seen::frame).thenComparingInt(Seen::x))
                .toList();
        expected.sort(Comparator.comparingLong(Seen::frame).thenComparingInt(Seen::x));
        // 6 analysed frames (0, 2, ..., 10): 3 with one face, 3 with two.
        assertThat(expected).hasSize(9);
        assertThat(seen).hasSize(expected.size());
        for (int i = 0; i < seen.size(); i++) {
            Seen s = seen.get(i);
            Seen e = expected.get(i);
            assertThat(List.of(s.frame(), s.timestampMs(), s.track(), s.x(), s.emotion()))
                    .containsExactly(e.frame(), e.timestampMs(), e.track(), e.x(), e.emotion());
            assertThat(s.probability()).isCloseTo(e.probability(), within(1e-5f));
        }

        assertThat(all.stream().filter(r -> r.<String>getAs("path").endsWith("broken.mp4")))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.<String>getAs("error")).isNotBlank();
                    assertThat(r.<Long>getAs("frame")).isNull();
                });

        List<Row> summary = scorer.summarizeVideos(rows).collectAsList();
        // 1.2 s of video: seconds 0 and 1 of talk.mp4; the broken video has no face row.
        assertThat(summary).extracting(r -> r.<Long>getAs("second")).containsExactly(0L, 1L);
        for (Row r : summary) {
            double total = scorer.labels().stream()
                    .mapToDouble(l -> r.<Double>getAs(l))
                    .sum();
            assertThat(total).isCloseTo(1.0, within(1e-9));
        }
        assertThat(summary.stream().mapToLong(r -> r.<Long>getAs("faces")).sum())
                .isEqualTo(expected.size());
    }
}
