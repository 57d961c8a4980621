// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.fer4j.core.EmotionLabels;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmotionCameraTest {

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

    private static List<FrameResult> runAll(EmotionCamera camera) throws Exception {
        List<FrameResult> results = new ArrayList<>();
        long frames = camera.run((result, frame) -> results.add(result));
        assertThat(frames).isEqualTo(results.size());
        return results;
    }

    @ParameterizedTest(name = "full scan every {0} frames")
    @ValueSource(ints = {1, 5})
    void findsFacesInTheFramesThatHaveThemAndNoneInBlankFrames(int fullScanEvery) throws Exception {
        List<FrameResult> results;
        try (EmotionCamera camera =
                camera(VideoSource.video(video)).optFullScanEvery(fullScanEvery).build()) {
            results = runAll(camera);
            assertThat(camera.isRunning()).isFalse();
        }
        assertThat(results).hasSize(Fixtures.FRAMES);
        for (FrameResult r : results) {
            int i = (int) r.frameIndex();
            assertThat(r.faces()).as("faces in frame %d", i).hasSize(Fixtures.facesIn(i));
            assertThat(r.timestampMs()).as("timestamp of frame %d", i).isCloseTo(i * 40L, within(1L));
            assertThat(r.width()).isEqualTo(640);
            assertThat(r.height()).isEqualTo(480);
            assertThat(r.analysed()).isTrue();
            for (TrackedFace f : r.faces()) {
                float sum = 0;
                for (float p : f.prediction().probabilities()) {
                    sum += p;
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
                assertThat(f.prediction().labels()).isEqualTo(EmotionLabels.fer2013());
            }
        }
        // The moving face of frames 0-9 keeps one track; the pair of frames 15-24 gets two new ones,
        // listed left to right.
        assertThat(results.subList(0, 10))
                .allSatisfy(r -> assertThat(r.faces().get(0).track()).isEqualTo(1));
        assertThat(results.subList(15, 25))
                .allSatisfy(r ->
                        assertThat(r.faces()).extracting(TrackedFace::track).containsExactly(2, 3));
        // The face drawn at (220 + shift, 140), 180 px wide, is found about there.
        FaceBox first = results.get(0).faces().get(0).box();
        assertThat(first.iou(new FaceBox(220, 140, 180, 180))).isGreaterThan(0.6);
    }

    @Test
    void classifiesAtMostTheGivenNumberOfFacesPerFrameAndSaysWhichAreFresh() throws Exception {
        List<FrameResult> results;
        try (EmotionCamera camera =
                camera(VideoSource.video(video)).optClassifyAtMost(1).build()) {
            results = runAll(camera);
        }
        // Frames 15-24 show two faces: both new in frame 15, so both classified; then one per frame, in turn.
        assertThat(results.get(15).faces()).extracting(TrackedFace::fresh).containsExactly(true, true);
        for (int i = 16; i < 25; i++) {
            List<TrackedFace> faces = results.get(i).faces();
            assertThat(faces).as("frame %d", i).extracting(TrackedFace::fresh).containsExactly(i % 2 == 0, i % 2 == 1);
            for (TrackedFace f : faces) {
                if (!f.fresh()) {
                    TrackedFace before = results.get(i - 1).faces().stream()
                            .filter(g -> g.track() == f.track())
                            .findFirst()
                            .orElseThrow();
                    assertThat(f.prediction())
                            .as("frame %d, track %d", i, f.track())
                            .isEqualTo(before.prediction());
                }
            }
        }
        // A single face is classified in every frame.
        assertThat(results.subList(0, 10))
                .allSatisfy(r -> assertThat(r.faces().get(0).fresh()).isTrue());
    }

    @Test
    void writesJsonLinesAnnotatedVideoAndSummary() throws Exception {
        Path jsonl = dir.resolve("out/faces.jsonl");
        Path annotated = dir.resolve("out/annotated.mp4");
        Path csv = dir.resolve("out/summary.csv");
        Path png = dir.resolve("out/timeline.png");
        List<Boolean> annotationChangedPixels = new ArrayList<>();
        Fixtures.RecordingChart chart = new Fixtures.RecordingChart();
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(FrameSink.jsonLines(jsonl))
                .optSink(FrameSink.annotatedVideo(annotated))
                .optSink(FrameSink.summary(csv, png, chart))
                .build()) {
            camera.run((result, frame) -> {
                if (!result.faces().isEmpty()) {
                    annotationChangedPixels.add(!sameImage(frame.image(), frame.annotatedImage()));
                }
            });
        }
        assertThat(annotationChangedPixels).hasSize(20).containsOnly(true);

        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(Fixtures.FRAMES);
        EmotionLabels labels = EmotionLabels.fer2013();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode frame = JSON.readTree(lines.get(i));
            assertThat(fieldNames(frame)).containsExactly("frame", "timestampMs", "source", "faces");
            assertThat(frame.get("source").asText()).isEqualTo("faces.mp4");
            assertThat(frame.get("frame").asInt()).isEqualTo(i);
            assertThat(frame.get("timestampMs").asLong()).isCloseTo(i * 40L, within(1L));
            assertThat(frame.get("faces")).hasSize(Fixtures.facesIn(i));
            for (JsonNode face : frame.get("faces")) {
                assertThat(fieldNames(face))
                        .containsExactly(
                                "track",
                                "box",
                                "score",
                                "landmarks",
                                "fresh",
                                "emotion",
                                "probability",
                                "probabilities");
                assertThat(face.get("fresh").asBoolean()).isTrue();
                assertThat(fieldNames(face.get("landmarks")))
                        .containsExactly("rightEye", "leftEye", "noseTip", "rightMouthCorner", "leftMouthCorner");
                assertThat(face.get("score").asDouble()).isBetween(0.6, 1.0);
                assertThat(fieldNames(face.get("box"))).containsExactly("x", "y", "width", "height");
                assertThat(fieldNames(face.get("probabilities"))).containsExactlyElementsOf(labels.names());
                String emotion = face.get("emotion").asText();
                assertThat(face.get("probability").asDouble())
                        .isEqualTo(face.get("probabilities").get(emotion).asDouble());
            }
        }

        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(annotated.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(640);
            assertThat(grabber.getImageHeight()).isEqualTo(480);
            assertThat(grabber.getFrameRate()).isCloseTo(25.0, within(0.01));
            int frames = 0;
            for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                frames++;
            }
            assertThat(frames).isEqualTo(Fixtures.FRAMES);
            grabber.stop();
        }

        // 25 frames in second 0 holding 10 + 2 * 10 = 30 faces; second 1 has 5 blank frames.
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("second,frames,faces," + String.join(",", labels.names()));
        assertThat(rows).hasSize(3);
        String[] second0 = rows.get(1).split(",", -1);
        assertThat(second0[0]).isEqualTo("0");
        assertThat(second0[1]).isEqualTo("25");
        assertThat(second0[2]).isEqualTo("30");
        double sum = 0;
        for (int c = 3; c < second0.length; c++) {
            sum += Double.parseDouble(second0[c]);
        }
        assertThat(sum).isCloseTo(1.0, within(0.001));
        assertThat(rows.get(2)).isEqualTo("1,5,0" + ",0.0000".repeat(labels.size()));
        // The chart is drawn from the same shares, with the annotation's colours, and written as given.
        assertThat(chart.title).isEqualTo("Emotions over time: video " + video);
        assertThat(chart.labels).isEqualTo(labels.names());
        assertThat(chart.colours.get(labels.indexOf("happy"))).isEqualTo(new java.awt.Color(255, 215, 0));
        assertThat(chart.shares).hasDimensions(2, labels.size());
        for (int c = 0; c < labels.size(); c++) {
            assertThat(chart.shares[0][c]).isCloseTo(Double.parseDouble(second0[c + 3]), within(0.00005));
            assertThat(chart.shares[1][c]).isZero();
        }
        BufferedImage written = ImageIO.read(png.toFile());
        assertThat(written.getWidth()).isEqualTo(1000);
        assertThat(written.getHeight()).isEqualTo(420);
    }

    @Test
    void stopFromAnotherThreadEndsTheLoopAndClosesTheSinks() throws Exception {
        Path jsonl = dir.resolve("faces.jsonl");
        CountDownLatch third = new CountDownLatch(1);
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(FrameSink.jsonLines(jsonl))
                .build()) {
            CompletableFuture<Long> done = camera.start((result, frame) -> {
                if (result.frameIndex() == 2) {
                    third.countDown();
                }
                sleep(30);
            });
            assertThat(third.await(30, TimeUnit.SECONDS)).isTrue();
            camera.stop();
            long frames = done.get(30, TimeUnit.SECONDS);
            assertThat(frames).isBetween(3L, (long) Fixtures.FRAMES - 1);
            assertThat(camera.isRunning()).isFalse();
            assertThat(Files.readAllLines(jsonl)).hasSize((int) frames);
        }
    }

    @Test
    void closeFromAnotherThreadWaitsForTheLoopToRelease() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<String> loopThread = new AtomicReference<>();
        EmotionCamera camera = camera(VideoSource.video(video)).build();
        CompletableFuture<Long> done = camera.start((result, frame) -> {
            loopThread.set(Thread.currentThread().getName());
            first.countDown();
            sleep(30);
        });
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        camera.close();
        assertThat(done).isDone();
        assertThat(done.get()).isLessThan(Fixtures.FRAMES);
        assertThat(camera.isRunning()).isFalse();
        assertThat(loopThread.get()).startsWith("fer-camera video");
    }

    @Test
    void anInterruptStopsTheLoopAndReachesTheCaller() throws Exception {
        Path jsonl = dir.resolve("faces.jsonl");
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optSink(FrameSink.jsonLines(jsonl))
                .build()) {
            assertThatThrownBy(() -> camera.run((result, frame) -> {
                        if (result.frameIndex() == 2) {
                            Thread.currentThread().interrupt();
                        }
                    }))
                    .isInstanceOf(InterruptedException.class)
                    .hasMessageContaining("frame 3");
            assertThat(Thread.interrupted())
                    .as("the interrupt was consumed by the exception")
                    .isFalse();
            assertThat(camera.isRunning()).isFalse();
        }
        assertThat(Files.readAllLines(jsonl)).hasSize(3);
    }

    /** A grabber that delivers frames until told to stall, then blocks in grab() as a dead stream would. */
    private static final class StallingGrabber extends FrameGrabber {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        volatile boolean stall;
        private final Frame frame = new Frame(64, 48, Frame.DEPTH_UBYTE, 3);

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public void trigger() {}

        @Override
        public Frame grab() {
            if (stall) {
                stalled.countDown();
                // Like a native read: deaf to interrupts until data comes.
                while (resume.getCount() > 0) {
                    try {
                        resume.await();
                    } catch (InterruptedException ignored) {
                        // keep waiting
                    }
                }
            }
            return frame;
        }

        @Override
        public void release() {
            released.countDown();
        }
    }

    @Test
    void closeReturnsSoonWhenTheSourceStallsAndTheStuckReaderFreesItLater() throws Exception {
        StallingGrabber grabber = new StallingGrabber();
        Path jsonl = dir.resolve("stall.jsonl");
        EmotionCamera camera = camera(VideoSource.grabber(grabber))
                .optSink(FrameSink.jsonLines(jsonl))
                .build();
        CountDownLatch someFrames = new CountDownLatch(3);
        CompletableFuture<Long> done = camera.start((result, frame) -> someFrames.countDown());
        assertThat(someFrames.await(20, TimeUnit.SECONDS)).isTrue();
        grabber.stall = true;
        assertThat(grabber.stalled.await(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        camera.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("close() on a stalled source").isLessThan(DetectionStage.CLOSE_WAIT_MS / 1000.0 + 3);
        assertThat(camera.isRunning()).isFalse();
        assertThat(done).isDone();
        assertThat(done.get()).isGreaterThanOrEqualTo(3L);
        // The sinks finished their files; the grabber, still inside grab(), is not released under it.
        assertThat(Files.readAllLines(jsonl)).isNotEmpty();
        assertThat(grabber.released.getCount()).isEqualTo(1);
        // When the read returns, the reader releases the grabber itself.
        grabber.resume.countDown();
        assertThat(grabber.released.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyNthFrameAnalysesOnlyThoseAndCarriesTheirFacesForward() throws Exception {
        Path jsonl = dir.resolve("faces.jsonl");
        List<FrameResult> results;
        try (EmotionCamera camera = camera(VideoSource.video(video))
                .optEveryNthFrame(5)
                .optSink(FrameSink.jsonLines(jsonl))
                .build()) {
            results = runAll(camera);
        }
        assertThat(results).hasSize(Fixtures.FRAMES);
        for (FrameResult r : results) {
            int i = (int) r.frameIndex();
            assertThat(r.analysed()).isEqualTo(i % 5 == 0);
            List<TrackedFace> analysed = results.get(i - i % 5).faces();
            if (i % 5 == 0) {
                assertThat(r.faces()).allMatch(TrackedFace::fresh);
            } else {
                // The same faces and predictions, marked as not classified in this frame.
                assertThat(r.faces())
                        .isEqualTo(analysed.stream().map(TrackedFace::carried).toList());
                assertThat(r.faces()).noneMatch(TrackedFace::fresh);
            }
        }
        assertThat(Files.readAllLines(jsonl)).hasSize(6);
    }

    @Test
    void smoothingKeepsProbabilitiesNormalised() throws Exception {
        List<FrameResult> results;
        try (EmotionCamera camera =
                camera(VideoSource.video(video)).optSmoothing(0.3).build()) {
            results = runAll(camera);
        }
        assertThat(results.get(5).faces()).hasSize(1);
        float sum = 0;
        for (float p : results.get(5).faces().get(0).prediction().probabilities()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1f, within(1e-4f));
    }

    @Test
    void missingCameraGivesAClearError() {
        try (EmotionCamera camera = camera(VideoSource.camera(99)).build()) {
            assertThatThrownBy(() -> camera.run((r, f) -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot open camera 99");
            assertThat(camera.isRunning()).isFalse();
        }
        try (EmotionCamera camera = camera(VideoSource.camera(99)).build()) {
            assertThatThrownBy(() -> camera.start((r, f) -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot open camera 99");
        }
    }

    @Test
    void unreadableFilesGiveClearErrors() throws Exception {
        Path missing = dir.resolve("missing.mp4");
        Path junkVideo = Files.writeString(dir.resolve("junk.mp4"), "this is not a video");
        Path missingImage = dir.resolve("missing.png");
        Path junkImage = Files.writeString(dir.resolve("junk.png"), "this is not an image");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertRunFails(VideoSource.video(missing), "Cannot read video " + missing + ": no such file");
        assertRunFails(VideoSource.video(junkVideo), "Cannot read video " + junkVideo + ": ");
        assertRunFails(VideoSource.image(missingImage), "Cannot read image " + missingImage + ": no such file");
        assertRunFails(VideoSource.image(junkImage), "Cannot read image " + junkImage + ": not a decodable image");
        assertRunFails(VideoSource.folder(empty), "Cannot read image folder " + empty + ": no image files");
    }

    private void assertRunFails(VideoSource source, String messageStart) {
        try (EmotionCamera camera = camera(source).build()) {
            assertThatThrownBy(() -> camera.run((r, f) -> {}))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(messageStart);
        }
    }

    @Test
    void readsImagesAndFoldersSkippingFilesThatAreNotImages() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("frames"));
        // Frames 0 (one face) and 12 (none) of the test video, saved as PNG, plus a broken "image".
        try (EmotionCamera camera = camera(VideoSource.video(video)).build()) {
            camera.run((result, frame) -> {
                if (result.frameIndex() == 0 || result.frameIndex() == 12) {
                    write(frame.image(), folder.resolve("frame" + result.frameIndex() + ".png"));
                }
            });
        }
        Files.writeString(folder.resolve("frame5.jpg"), "not a JPEG");
        Files.writeString(folder.resolve("notes.txt"), "ignored: not an image name");

        Path out = dir.resolve("annotated");
        List<FrameResult> results;
        try (EmotionCamera camera = camera(VideoSource.parse(folder.toString()))
                .optSink(FrameSink.annotatedImages(out))
                .build()) {
            results = runAll(camera);
            assertThat(camera.skippedFiles()).singleElement().satisfies(s -> {
                assertThat(s.path()).isEqualTo(folder.resolve("frame5.jpg"));
                assertThat(s.reason()).startsWith("not a decodable image");
            });
        }
        // File name order: frame0.png, frame12.png (frame5.jpg skipped).
        assertThat(results).extracting(r -> r.faces().size()).containsExactly(1, 0);
        assertThat(results).extracting(FrameResult::timestampMs).containsOnly(0L);
        assertThat(results).extracting(FrameResult::source).containsExactly("frame0.png", "frame12.png");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame0-annotated.png", "frame12-annotated.png");
        }

        Path single = dir.resolve("single.jpg");
        try (EmotionCamera camera = camera(
                        VideoSource.parse(folder.resolve("frame0.png").toString()))
                .optSink(FrameSink.annotatedImage(single))
                .build()) {
            assertThat(runAll(camera))
                    .singleElement()
                    .satisfies(r -> assertThat(r.faces()).hasSize(1));
        }
        BufferedImage written = ImageIO.read(single.toFile());
        assertThat(written.getWidth()).isEqualTo(640);
    }

    @Test
    void aCameraRunsOnceAndItsFramesAreOnlyValidDuringTheCall() throws Exception {
        AtomicReference<CapturedFrame> kept = new AtomicReference<>();
        try (EmotionCamera camera = camera(VideoSource.video(video)).build()) {
            camera.run((result, frame) -> {
                kept.set(frame);
                camera.stop();
            });
            assertThatThrownBy(() -> camera.run((r, f) -> {})).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> kept.get().mat())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("annotatedImage()");
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(
                        () -> EmotionCamera.builder().setClassifier(classifier).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("source");
        assertThatThrownBy(() ->
                        EmotionCamera.builder().setSource(VideoSource.camera(0)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classifier");
        assertThatThrownBy(() -> EmotionCamera.builder().optEveryNthFrame(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmotionCamera.builder().optSmoothing(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseTellsSourcesApart() throws IOException {
        assertThat(VideoSource.parse("0").description()).isEqualTo("camera 0");
        assertThat(VideoSource.parse("rtsp://example/cam").description()).isEqualTo("stream rtsp://example/cam");
        assertThat(VideoSource.parse(dir.toString()).description()).isEqualTo("image folder " + dir);
        assertThat(VideoSource.parse("a/b.JPG").description()).isEqualTo("image a/b.JPG");
        assertThat(VideoSource.parse("a/b.mkv").description()).isEqualTo("video a/b.mkv");
        assertThat(VideoSource.parse("a/b.mkv").isVideo()).isTrue();
        assertThat(VideoSource.parse("a/b.png").isVideo()).isFalse();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableList(names);
    }

    private static boolean sameImage(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void write(BufferedImage image, Path file) {
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
