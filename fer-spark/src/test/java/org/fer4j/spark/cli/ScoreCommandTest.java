// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fer score end to end on an embedded local[2] master, and its usage and model errors. */
class ScoreCommandTest {

    /** One session for every run here: fer score uses a session the JVM already has, and leaves it running. */
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        // As org.fer4j.spark.TestData.spark(), which the other test classes share.
        spark = SparkSession.builder()
                .master("local[2,2]")
                .appName("fer-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    /** What a run printed and returned. */
    private record Run(int exit, String err) {}

    private static Run score(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            String[] all = Stream.concat(Stream.of("score", "--master", "local[2]"), Stream.of(args))
                    .toArray(String[]::new);
            int exit = ScoreApp.execute(all);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
            old.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private Path faces() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/happy"));
        for (String name : List.of("happy_PublicTest_10248771.jpg", "happy_PublicTest_11394394.jpg")) {
            try (InputStream s = getClass().getResourceAsStream("/faces/" + name)) {
                Files.write(in.resolve(name), s.readAllBytes());
            }
        }
        Files.write(dir.resolve("in/zero.jpg"), new byte[0]);
        return dir.resolve("in");
    }

    @Test
    void writesCsvRowsEqualToPredictAndShowsProgress() throws Exception {
        Path in = faces();
        Path out = dir.resolve("out");
        Run run = score("--input", in.toString(), "--output", out.toString(), "--format", "csv");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("tasks").contains("wrote 3 rows (1 with an error)");

        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            List<Row> rows = spark.read()
                    .option("header", "true")
                    .option("inferSchema", "true")
                    .csv(out.toString())
                    .collectAsList();
            assertThat(rows).hasSize(3);
            for (Row r : rows) {
                Path file = Path.of(java.net.URI.create(r.<String>getAs("path")));
                if (file.getFileName().toString().equals("zero.jpg")) {
                    assertThat(r.<String>getAs("error")).contains("Empty image bytes");
                    continue;
                }
                EmotionPrediction p = fer.predict(file);
                assertThat(r.<String>getAs("emotion")).isEqualTo(p.label());
                for (String label : fer.labels().names()) {
                    assertThat(((Number) r.getAs(label)).floatValue()).isCloseTo(p.probability(label), within(1e-5f));
                }
            }
        }
    }

    @Test
    void videosGiveFaceRowsAndAPerSecondSummary() throws Exception {
        Path in = Files.createDirectories(dir.resolve("videos"));
        java.awt.image.BufferedImage face;
        try (InputStream s = getClass().getResourceAsStream("/faces/happy_PublicTest_10248771.jpg")) {
            face = javax.imageio.ImageIO.read(s);
        }
        org.fer4j.camera.internal.SyntheticVideo.write(
                in.resolve("one.mp4"),
                640,
                480,
                10,
                15,
                i -> List.of(new org.fer4j.camera.internal.SyntheticVideo.Placement(face, 220 + i, 140, 180)));
        Path out = dir.resolve("out");
        Run run = score(
                "--input", in.toString(), "--output", out.toString(), "--videos", "--every", "5", "--format", "json");
        assertThat(run.exit()).isZero();
        // Frames 0, 5 and 10 are analysed, one face each.
        assertThat(run.err()).contains("wrote 3 rows (0 with an error)").contains("summary to " + out + "-summary");

        assertThat(spark.read()
                        .json(out.toString())
                        .select("frame")
                        .as(org.apache.spark.sql.Encoders.LONG())
                        .collectAsList())
                .containsExactlyInAnyOrder(0L, 5L, 10L);
        List<Row> summary =
                spark.read().json(out + "-summary").orderBy("second").collectAsList();
        // 1.5 s at 10 frames per second: frames 0 and 5 in second 0, frame 10 in second 1.
        assertThat(summary).extracting(r -> r.<Long>getAs("faces")).containsExactly(2L, 1L);
    }

    @Test
    void parquetIsTheDefault() throws Exception {
        Path out = dir.resolve("out");
        assertThat(score("--input", faces().toString(), "--output", out.toString())
                        .exit())
                .isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.endsWith(".parquet"))
                    .contains("_SUCCESS");
        }
    }

    @Test
    void aNonEmptyOutputIsAUsageError() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.csv"), "earlier results");
        Run run = score("--input", faces().toString(), "--output", out.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("is not empty");
        assertThat(Files.readString(out.resolve("old.csv"))).isEqualTo("earlier results");
    }

    @Test
    void anInputThatMatchesNothingIsAUsageError() {
        Run run = score(
                "--input",
                dir.resolve("nothing-here/*.jpg").toString(),
                "--output",
                dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("matches no file");
    }

    @Test
    void aModelThatDoesNotLoadFailsOnceBeforeAnyTask() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{ not json");
        Path out = dir.resolve("out");
        Run run = score("--input", faces().toString(), "--output", out.toString(), "--model", model.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("fer score:")))
                .singleElement()
                .satisfies(l -> assertThat(l).contains("cannot load the model").contains("model.json"));
        assertThat(run.err()).doesNotContain("tasks");
        assertThat(out).doesNotExist();
    }
}
