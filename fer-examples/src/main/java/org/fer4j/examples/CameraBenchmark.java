// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.FaceDetector;
import org.fer4j.camera.TrackedFace;
import org.fer4j.camera.VideoSource;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;

/**
 * Frames per second of the camera loop ({@link EmotionCamera}: decode, detect, crop, classify, annotate)
 * on generated 640x480 videos with 1 and 4 faces, for each built-in detector, classifying every face of
 * every frame and, with four faces, at most {@link DetectCommand#LIVE_CLASSIFY_AT_MOST} per frame. The videos
 * are played as live sources, with the detectors {@code fer detect} uses on a camera.
 *
 * <p>It runs with one PyTorch thread, as {@code fer detect} and {@code fer demo} do, so
 * {@code fer benchmark} starts it in a JVM of its own ({@link #inChildJvm}); engine threads are fixed once
 * the engine has started.
 */
final class CameraBenchmark {

    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int FRAMES = 300;

    /**
     * One measurement.
     *
     * @param detector the detector's name
     * @param facesShown faces drawn in every frame
     * @param classifyAtMost the per-frame classification limit, 0 for none
     * @param frames frames processed
     * @param facesFound mean faces found per frame (a missed face is not classified and would flatter the figure)
     * @param classifiedPerFrame mean faces classified per frame
     * @param fps frames per second, end to end
     */
    record Row(
            String detector,
            int facesShown,
            int classifyAtMost,
            long frames,
            double facesFound,
            double classifiedPerFrame,
            double fps) {

        String name() {
            return String.format(
                    Locale.ROOT,
                    "camera loop 640x480, %s, %d face(s) shown / %.2f found / %.2f classified" + " per frame%s",
                    detector,
                    facesShown,
                    facesFound,
                    classifiedPerFrame,
                    classifyAtMost == 0 ? "" : " (at most " + classifyAtMost + ")");
        }
    }

    private CameraBenchmark() {}

    /** Measures every row with {@code classifier}, writing the videos into {@code work}. */
    static List<Row> run(EmotionClassifier classifier, List<BufferedImage> faces, Path work) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (DetectorOption.Kind kind : DetectorOption.Kind.values()) {
            for (int shown : new int[] {1, 4}) {
                Path video = work.resolve("benchmark-" + shown + "-faces.mp4");
                if (!Files.exists(video)) {
                    List<SyntheticVideo.Placement> layout = layout(faces, shown);
                    SyntheticVideo.write(video, WIDTH, HEIGHT, 30, FRAMES, i -> layout);
                }
                List<Integer> limits = shown == 4 ? List.of(0, DetectCommand.LIVE_CLASSIFY_AT_MOST) : List.of(0);
                for (int limit : limits) {
                    try (FaceDetector detector = DetectorOption.open(kind, true, null)) {
                        measure(classifier, detector, kind, video, shown, limit, 30);
                        rows.add(measure(classifier, detector, kind, video, shown, limit, Long.MAX_VALUE));
                    }
                }
            }
        }
        return rows;
    }

    private static List<SyntheticVideo.Placement> layout(List<BufferedImage> faces, int shown) {
        if (shown == 1) {
            return List.of(new SyntheticVideo.Placement(faces.get(0), 220, 140, 180));
        }
        int[][] at = {{30, 20}, {360, 30}, {40, 270}, {380, 280}};
        List<SyntheticVideo.Placement> out = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            out.add(new SyntheticVideo.Placement(faces.get(i % faces.size()), at[i][0], at[i][1], 170));
        }
        return out;
    }

    private static Row measure(
            EmotionClassifier classifier,
            FaceDetector detector,
            DetectorOption.Kind kind,
            Path video,
            int shown,
            int limit,
            long maxFrames)
            throws IOException, InterruptedException {
        long[] counts = new long[2];
        // Played through a grabber, the video counts as a live source, so the camera runs as on a webcam
        // (periodic full scans, the coarse look in between) rather than scanning every frame of a file in full.
        EmotionCamera.Builder builder = EmotionCamera.builder()
                .setSource(VideoSource.grabber(new FFmpegFrameGrabber(video.toFile())))
                .setClassifier(classifier)
                .optDetector(detector);
        if (limit > 0) {
            builder.optClassifyAtMost(limit);
        }
        long start;
        long frames;
        try (EmotionCamera camera = builder.build()) {
            start = System.nanoTime();
            frames = camera.run((result, frame) -> {
                counts[0] += result.faces().size();
                counts[1] += result.faces().stream().filter(TrackedFace::fresh).count();
                // Drawing is part of what an app pays per frame.
                frame.annotatedMat();
                if (result.frameIndex() + 1 >= maxFrames) {
                    camera.stop();
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Row(
                kind.name().toLowerCase(Locale.ROOT),
                shown,
                limit,
                frames,
                frames == 0 ? 0 : (double) counts[0] / frames,
                frames == 0 ? 0 : (double) counts[1] / frames,
                seconds == 0 ? 0 : frames / seconds);
    }

    /**
     * Runs the camera on the four-face video, replayed in a loop, for {@code minutes}, sampling resident
     * memory every minute: the rows say where it started, where it ended and whether the second half
     * stayed flat (under {@link InferenceBenchmark#FLAT_BYTES_PER_PREDICTION} bytes per frame).
     */
    static List<BenchmarkRow> soak(EmotionClassifier classifier, List<BufferedImage> faces, Path work, int minutes)
            throws Exception {
        Path video = work.resolve("soak-4-faces.mp4");
        List<SyntheticVideo.Placement> layout = layout(faces, 4);
        SyntheticVideo.write(video, WIDTH, HEIGHT, 30, FRAMES, i -> layout);
        long end = System.nanoTime() + minutes * 60_000_000_000L;
        List<long[]> samples = new ArrayList<>(); // {frames, KiB}
        long[] nextSample = {System.nanoTime() + 60_000_000_000L};
        try (EmotionCamera camera = EmotionCamera.builder()
                .setSource(VideoSource.grabber(new LoopingGrabber(video)))
                .setClassifier(classifier)
                .optClassifyAtMost(DetectCommand.LIVE_CLASSIFY_AT_MOST)
                .build()) {
            camera.run((result, frame) -> {
                frame.annotatedMat();
                long now = System.nanoTime();
                if (now >= nextSample[0]) {
                    samples.add(new long[] {result.frameIndex() + 1, InferenceBenchmark.residentKb()});
                    System.err.printf(
                            Locale.ROOT,
                            "camera soak: %d of %d minutes, %,d frames, %.1f MiB resident%n",
                            samples.size(),
                            minutes,
                            result.frameIndex() + 1,
                            samples.get(samples.size() - 1)[1] / 1024.0);
                    nextSample[0] += 60_000_000_000L;
                }
                if (now >= end) {
                    camera.stop();
                }
            });
        }
        List<BenchmarkRow> rows = new ArrayList<>();
        if (samples.size() < 2 || samples.get(0)[1] < 0) {
            return rows;
        }
        long[] first = samples.get(0);
        long[] middle = samples.get((samples.size() - 1) / 2);
        long[] last = samples.get(samples.size() - 1);
        String what =
                "camera soak, YuNet, 4 faces, at most " + DetectCommand.LIVE_CLASSIFY_AT_MOST + " classified per frame";
        rows.add(BenchmarkRow.of(
                String.format(Locale.ROOT, "%s: resident memory after 1 minute (%,d frames)", what, first[0]),
                first[1] / 1024.0,
                "MiB"));
        rows.add(BenchmarkRow.of(
                String.format(
                        Locale.ROOT,
                        "%s: resident memory after %d minutes (%,d frames)",
                        what,
                        samples.size(),
                        last[0]),
                last[1] / 1024.0,
                "MiB"));
        rows.add(BenchmarkRow.of(
                String.format(
                        Locale.ROOT,
                        "%s: growth from minute %d to %d",
                        what,
                        samples.indexOf(middle) + 1,
                        samples.size()),
                (last[1] - middle[1]) / 1024.0,
                "MiB"));
        boolean flat = last[0] == middle[0]
                || (last[1] - middle[1]) * 1024.0 / (last[0] - middle[0])
                        < InferenceBenchmark.FLAT_BYTES_PER_PREDICTION;
        rows.add(new BenchmarkRow(
                String.format(
                        Locale.ROOT,
                        "%s: resident memory flat from minute %d (grew by under" + " %.0f bytes per frame)",
                        what,
                        samples.indexOf(middle) + 1,
                        InferenceBenchmark.FLAT_BYTES_PER_PREDICTION),
                flat ? "yes" : "no",
                ""));
        return rows;
    }

    /** A video file played again from the start whenever it ends: a source that never runs out. */
    private static final class LoopingGrabber extends FrameGrabber {
        private final FFmpegFrameGrabber video;

        LoopingGrabber(Path file) {
            video = new FFmpegFrameGrabber(file.toFile());
        }

        @Override
        public void start() throws FrameGrabber.Exception {
            video.start();
        }

        @Override
        public void stop() throws FrameGrabber.Exception {
            video.stop();
        }

        @Override
        public void trigger() throws FrameGrabber.Exception {
            video.trigger();
        }

        @Override
        public Frame grab() throws FrameGrabber.Exception {
            Frame f = video.grabImage();
            if (f == null) {
                video.setFrameNumber(0);
                f = video.grabImage();
            }
            return f;
        }

        @Override
        public void release() throws FrameGrabber.Exception {
            video.release();
        }
    }

    /**
     * Runs the frame-rate rows, or with {@code soakMinutes} above 0 the camera soak instead, in a new JVM
     * with one PyTorch thread (and this JVM's allocator environment) and returns its rows.
     */
    static List<BenchmarkRow> inChildJvm(Path model, Path work, int soakMinutes)
            throws IOException, InterruptedException {
        Path json = work.resolve("camera-rows.json");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "false"),
                "-cp",
                System.getProperty("java.class.path"),
                CameraBenchmark.class.getName(),
                json.toString(),
                String.valueOf(soakMinutes)));
        if (model != null) {
            cmd.add(model.toString());
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException("The camera benchmark failed (exit code " + code + "); its output is above");
        }
        return List.of(new ObjectMapper().readValue(json.toFile(), BenchmarkRow[].class));
    }

    /**
     * Measures the frame-rate rows (or, with a soak of more than 0 minutes, the camera soak) with the model
     * in {@code args[2]} (or the bundled one) and one PyTorch thread, and writes them as JSON to {@code args[0]}.
     *
     * @param args the JSON file, the soak minutes (0 for the frame-rate rows), then optionally the model folder
     * @throws Exception if the model cannot be loaded or a video cannot be written or read
     */
    /** Loads the classifier as {@code fer detect} does: its test-time augmentation, one PyTorch thread. */
    static EmotionClassifier classifier(Path model) throws MalformedModelException {
        Engines.preferOneInferenceThread();
        ClassifierOptions options = ClassifierOptions.defaults().withTestTimeAugmentation(DetectCommand.VIDEO_TTA);
        return model != null ? EmotionClassifier.load(model, options) : EmotionClassifier.loadDefault(options);
    }

    public static void main(String[] args) throws Exception {
        Engines.preferOneInferenceThread();
        Engines.quietFfmpeg();
        List<BufferedImage> faces = new ArrayList<>();
        for (SampleFaces.Sample s : SampleFaces.load()) {
            faces.add(s.image());
        }
        int soakMinutes = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("fer-camera-benchmark");
        try (EmotionClassifier fer = classifier(args.length > 2 ? Path.of(args[2]) : null)) {
            List<BenchmarkRow> rows = new ArrayList<>();
            if (soakMinutes > 0) {
                rows.addAll(soak(fer, faces, work, soakMinutes));
            } else {
                for (Row r : run(fer, faces, work)) {
                    rows.add(BenchmarkRow.of(
                            r.name() + " (" + ModelOption.views(fer) + ", one PyTorch thread, as fer detect)",
                            r.fps(),
                            "frames/s"));
                }
            }
            new ObjectMapper().writeValue(Path.of(args[0]).toFile(), rows);
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }
}
