// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The built-in sinks write whole files or none, and name what they wrote after its source (issue 13). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SinkSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static Path video;
    private static EmotionClassifier classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void fixtures() throws Exception {
        video = Fixtures.video(shared);
        classifier = EmotionClassifier.load(
                Fixtures.model(shared.resolve("model")),
                ClassifierOptions.defaults().withMaxConcurrency(1));
    }

    @AfterAll
    static void free() {
        classifier.close();
    }

    private static EmotionCamera.Builder camera(VideoSource source) {
        return EmotionCamera.builder().setSource(source).setClassifier(classifier);
    }

    /** The file names in {@code folder}, sorted, hidden (temporary) ones included. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedRunLeavesNoNewFileAtItsTargetsAndKeepsTheEarlierOne() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path annotated = Files.writeString(out.resolve("annotated.mp4"), "an earlier run's video");
        FrameSink failing = (result, frame) -> {
            if (result.frameIndex() == 5) {
                throw new IOException("disk full");
            }
        };
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(FrameSink.jsonLines(out.resolve("faces.jsonl")))
                .optSink(FrameSink.annotatedVideo(annotated))
                .optSink(FrameSink.summary(
                        out.resolve("summary.csv"), out.resolve("timeline.png"), new Fixtures.RecordingChart()))
                .optSink(failing)
                .build()) {
            assertThatThrownBy(() -> camera.run((r, f) -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessage("disk full");
        }
        assertThat(Files.readAllBytes(annotated)).asString().isEqualTo("an earlier run's video");
        assertThat(names(out))
                .as("no half-written output and no temporary file")
                .containsExactly("annotated.mp4");
    }

    @Test
    void aRunInProgressLeavesTheTargetsAloneUntilItsFilesAreComplete() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path annotated = Files.writeString(out.resolve("annotated.mp4"), "an earlier run's video");
        Path jsonl = out.resolve("faces.jsonl");
        Path csv = out.resolve("summary.csv");
        Path png = out.resolve("timeline.png");
        List<String> seenDuringTheRun = new ArrayList<>();
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(FrameSink.jsonLines(jsonl))
                .optSink(FrameSink.annotatedVideo(annotated))
                .optSink(FrameSink.summary(csv, png, new Fixtures.RecordingChart()))
                .build()) {
            camera.run((result, frame) -> {
                if (result.frameIndex() == 3) {
                    try {
                        seenDuringTheRun.add(Files.readString(annotated));
                        seenDuringTheRun.add(String.valueOf(Files.exists(jsonl)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    camera.stop();
                }
            });
        }
        assertThat(seenDuringTheRun).containsExactly("an earlier run's video", "false");
        // A stopped run is a normal end: every file is finished (the video playable) and moved into place.
        assertThat(names(out)).containsExactly("annotated.mp4", "faces.jsonl", "summary.csv", "timeline.png");
        assertThat(Files.readAllLines(jsonl)).hasSize(4);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(annotated.toFile())) {
            grabber.start();
            int frames = 0;
            for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                frames++;
            }
            assertThat(frames).isEqualTo(4);
            grabber.stop();
        }
        assertThat(Files.readAllLines(csv)).hasSize(2);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);
    }

    @Test
    void aVideoWithoutDecodableFramesWritesNoFile() throws Exception {
        Path broken = Fixtures.undecodableVideo(dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        try (EmotionCamera camera = camera(VideoSource.video(broken))
                .optSink(FrameSink.jsonLines(out.resolve("faces.jsonl")))
                .optSink(FrameSink.annotatedVideo(out.resolve("annotated.mp4")))
                .optSink(FrameSink.summary(
                        out.resolve("summary.csv"), out.resolve("timeline.png"), new Fixtures.RecordingChart()))
                .build()) {
            assertThat(camera.run((r, f) -> {})).isZero();
        }
        assertThat(names(out))
                .as("no empty JSON lines, header-only CSV or empty chart")
                .isEmpty();
    }

    @Test
    void aFolderWithoutReadableImagesWritesNoFileAndNoFolder() throws Exception {
        Path faces = Files.createDirectory(dir.resolve("faces"));
        Files.writeString(faces.resolve("a.jpg"), "not a JPEG");
        Files.writeString(faces.resolve("b.png"), "not a PNG");
        Path out = dir.resolve("annotated");
        try (EmotionCamera camera = camera(VideoSource.folder(faces))
                .optSink(FrameSink.annotatedImages(out))
                .optSink(FrameSink.jsonLines(dir.resolve("faces.jsonl")))
                .build()) {
            assertThat(camera.run((r, f) -> {})).isZero();
            assertThat(camera.skippedFiles()).hasSize(2);
        }
        assertThat(names(dir)).containsExactly("faces");
    }

    @Test
    void folderImagesAreNamedAfterTheirSourceFilesAndJsonLinesNameTheSource() throws Exception {
        Path faces = Files.createDirectory(dir.resolve("faces"));
        BufferedImage face = Fixtures.faces().get(0);
        // Two files with the same stem must not overwrite each other's annotated image.
        ImageIO.write(face, "jpg", faces.resolve("anna.jpg").toFile());
        ImageIO.write(face, "png", faces.resolve("anna.png").toFile());
        ImageIO.write(face, "png", faces.resolve("bob.png").toFile());
        Files.writeString(faces.resolve("broken.jpg"), "not a JPEG");
        Path out = dir.resolve("annotated");
        Path jsonl = dir.resolve("faces.jsonl");
        FrameSink images = FrameSink.annotatedImages(out);
        try (EmotionCamera camera = camera(VideoSource.folder(faces))
                .optSink(images)
                .optSink(FrameSink.jsonLines(jsonl))
                .build()) {
            assertThat(camera.run((r, f) -> {})).isEqualTo(3);
            assertThat(camera.skippedFiles())
                    .singleElement()
                    .satisfies(s -> assertThat(s.path()).isEqualTo(faces.resolve("broken.jpg")));
        }
        assertThat(names(out)).containsExactly("anna-annotated.png", "anna-png-annotated.png", "bob-annotated.png");
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            sources.add(JSON.readTree(line).get("source").asText());
        }
        assertThat(sources).containsExactly("anna.jpg", "anna.png", "bob.png");
        assertThat(images.completedFiles())
                .containsExactly(
                        out.resolve("anna-annotated.png"),
                        out.resolve("anna-png-annotated.png"),
                        out.resolve("bob-annotated.png"));
    }

    @Test
    void completedFilesListsOnlyFinishedFiles() throws Exception {
        Path out = dir.resolve("out");
        FrameSink json = FrameSink.jsonLines(out.resolve("faces.jsonl"));
        FrameSink annotated = FrameSink.annotatedVideo(out.resolve("annotated.mp4"));
        FrameSink summary = FrameSink.summary(
                out.resolve("summary.csv"), out.resolve("timeline.png"), new Fixtures.RecordingChart());
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(json)
                .optSink(annotated)
                .optSink(summary)
                .build()) {
            camera.run((result, frame) -> {
                if (result.frameIndex() == 0) {
                    assertThat(json.completedFiles()).isEmpty();
                }
            });
        }
        assertThat(json.completedFiles()).containsExactly(out.resolve("faces.jsonl"));
        assertThat(annotated.completedFiles()).containsExactly(out.resolve("annotated.mp4"));
        assertThat(summary.completedFiles()).containsExactly(out.resolve("summary.csv"), out.resolve("timeline.png"));
    }
}
