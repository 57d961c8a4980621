// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacv.CanvasFrame;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.FaceDetector;
import org.fer4j.camera.FrameSink;
import org.fer4j.camera.TrackedFace;
import org.fer4j.camera.VideoSource;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.TextFields;
import org.fer4j.inference.EmotionClassifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fer detect}: finds faces in a webcam, video, image or folder and labels their expressions. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Detect faces and classify their expressions in a webcam, video file, stream, image or folder.")
final class DetectCommand implements Callable<Integer> {

    /**
     * The test-time augmentation {@code fer detect} classifies with unless given {@code --tta}: single-pass,
     * to keep video real-time. {@code fer benchmark}'s camera rows use it too, so they time what this runs.
     */
    static final TestTimeAugmentation VIDEO_TTA = TestTimeAugmentation.NONE;

    @Mixin
    ModelOption model;

    @Mixin
    DetectorOption detector;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--camera", paramLabel = "N", description = "Webcam index (0 is the first camera).")
        Integer camera;

        @Option(
                names = "--input",
                paramLabel = "FILE_OR_URL_OR_FOLDER",
                description = "Video file, stream URL, image or folder of images.")
        String input;
    }

    @Option(
            names = "--output",
            description = "Annotated output: a video for video sources, an image (or folder for a folder).")
    Path output;

    @Option(names = "--json", description = "JSON lines file, one object per frame (- for standard output).")
    Path json;

    @Option(names = "--no-display", description = "Do not open a window.")
    boolean noDisplay;

    @Option(
            names = "--smooth",
            description = "Smooth each tracked face's probabilities over the frames of a video "
                    + "(photos are always classified one by one).")
    boolean smooth;

    @Option(
            names = "--every",
            defaultValue = "1",
            description = "Analyse every N-th frame (default: ${DEFAULT-VALUE}).")
    int every;

    /**
     * Faces classified per frame from a camera or stream (the others keep their last prediction, marked
     * not fresh): with four faces, the default model keeps 30 frames per second only so (docs/benchmarks.md).
     */
    static final int LIVE_CLASSIFY_AT_MOST = 2;

    /** The kinds of output detect writes; the report tells them apart by kind, and names them by description. */
    private enum Output {
        ANNOTATED_VIDEO("annotated output"),
        ANNOTATED_IMAGE("annotated output"),
        /** A folder of images, whose files are named after the sources, so it is complete once it has one. */
        ANNOTATED_IMAGES("annotated images"),
        SUMMARY("summary"),
        JSON_LINES("JSON lines");

        final String description;

        Output(String description) {
            this.description = description;
        }
    }

    /** A sink and the outputs the user asked of it, to tell afterwards what was and was not written. */
    private record Requested(FrameSink sink, Output kind, List<Path> files) {}

    @Override
    public Integer call() throws Exception {
        VideoSource src = source.camera != null ? VideoSource.camera(source.camera) : VideoSource.parse(source.input);
        boolean folder = src.path().map(Files::isDirectory).orElse(false);
        // Usage errors, all found before anything is loaded or written.
        if (every < 1) {
            return usage("--every must be 1 or more (analyse every N-th frame), got " + every);
        }
        if (src.path().isPresent() && !Files.exists(src.path().get())) {
            return usage("--input " + src.path().get() + ": no such file or folder");
        }
        if (output != null && folder && isStdout(output)) {
            return usage("--output -: a folder's annotated images go into a folder, not to standard output");
        }
        Path summary = null;
        Path timeline = null;
        if (output != null && src.isVideo() && !isStdout(output)) {
            String base = output.getFileName().toString().replaceAll("\\.[^.]*$", "");
            summary = output.resolveSibling(base + "-summary.csv");
            timeline = output.resolveSibling(base + "-timeline.png");
        }
        // Before anything is loaded or written: a clash would destroy an input or an earlier output.
        if (detector.problem() != null) {
            return usage(detector.problem());
        }
        Optional<String> clash = clashes(src, folder, summary, timeline).find();
        if (clash.isPresent()) {
            return usage(clash.get());
        }
        List<Requested> requested = new ArrayList<>();
        try {
            // The sinks check their file names (an extension OpenCV or FFmpeg cannot write) when made.
            if (output != null) {
                if (src.isVideo()) {
                    requested.add(
                            new Requested(FrameSink.annotatedVideo(output), Output.ANNOTATED_VIDEO, List.of(output)));
                    requested.add(new Requested(
                            FrameSink.summary(summary, timeline, new JFreeTimelineChart()),
                            Output.SUMMARY,
                            List.of(summary, timeline)));
                } else if (folder) {
                    requested.add(
                            new Requested(FrameSink.annotatedImages(output), Output.ANNOTATED_IMAGES, List.of(output)));
                } else {
                    requested.add(
                            new Requested(FrameSink.annotatedImage(output), Output.ANNOTATED_IMAGE, List.of(output)));
                }
            }
            if (json != null) {
                requested.add(new Requested(FrameSink.jsonLines(json), Output.JSON_LINES, List.of(json)));
            }
        } catch (IllegalArgumentException e) {
            return usage((output != null && e.getMessage().contains(output.toString()) ? "--output: " : "")
                    + e.getMessage());
        }
        // With results on standard output, the progress lines go to standard error so the two do not mix.
        PrintStream console =
                requested.stream().anyMatch(r -> r.files().stream().anyMatch(DetectCommand::isStdout))
                        ? System.err
                        : System.out;

        Engines.preferOneInferenceThread();
        Engines.quietFfmpeg();
        boolean display = !noDisplay && !GraphicsEnvironment.isHeadless();
        // Cameras and streams must keep up; video files are scanned in full, as photos are.
        boolean live = src.isVideo() && src.path().isEmpty();
        try (EmotionClassifier fer = model.load(VIDEO_TTA);
                FaceDetector faces = detector.open(live)) {
            EmotionCamera.Builder builder = EmotionCamera.builder()
                    .setSource(src)
                    .setClassifier(fer)
                    .optDetector(faces)
                    .optEveryNthFrame(every)
                    .optSmoothing(smooth ? 0.3 : 1.0);
            if (live) {
                // Live: keep up with the camera; files are read at whatever pace the work allows.
                builder.optClassifyAtMost(LIVE_CLASSIFY_AT_MOST);
            }
            requested.forEach(r -> builder.optSink(r.sink()));
            return run(builder, src, display, requested, console);
        }
    }

    /** Whether an output names standard output. */
    static boolean isStdout(Path file) {
        return file != null && file.toString().equals("-");
    }

    private static int usage(String message) {
        System.err.println("fer detect: " + message);
        return 2;
    }

    private PathClashes clashes(VideoSource src, boolean folder, Path summary, Path timeline) {
        PathClashes clashes = new PathClashes();
        src.path().ifPresent(p -> clashes.input("--input", p, folder));
        if (output != null && !isStdout(output)) {
            clashes.output("--output", output, folder);
            if (summary != null) {
                clashes.derivedOutput("summary", summary, "--output", output);
                clashes.derivedOutput("timeline", timeline, "--output", output);
            }
        }
        if (json != null && !isStdout(json)) {
            clashes.output("--json", json, false);
        }
        return clashes;
    }

    private int run(
            EmotionCamera.Builder builder,
            VideoSource src,
            boolean display,
            List<Requested> requested,
            PrintStream console)
            throws Exception {
        CanvasFrame window = display ? new CanvasFrame("fer detect: " + src.description()) : null;
        CountDownLatch done = new CountDownLatch(1);
        // Set by the shutdown hook: Ctrl-C or SIGTERM stop the run like closing the window does, and the
        // hook holds the JVM until the outputs are finished and reported (or 30 s have passed).
        AtomicBoolean interrupted = new AtomicBoolean();
        try (EmotionCamera camera = builder.build()) {
            Thread hook = new Thread(() -> {
                interrupted.set(true);
                camera.stop();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                long frames;
                try {
                    frames = camera.run((result, frame) -> {
                        if (window != null) {
                            if (!window.isVisible()) {
                                camera.stop();
                                return;
                            }
                            window.showImage(frame.annotatedImage());
                        }
                        if (!display || !src.isVideo() || result.frameIndex() % 30 == 0) {
                            // Photos are named by their file, video frames by number and time.
                            StringBuilder sb = new StringBuilder(
                                    src.isVideo()
                                            ? String.format(
                                                    Locale.ROOT,
                                                    "frame %d (%d ms): %d face(s)",
                                                    result.frameIndex(),
                                                    result.timestampMs(),
                                                    result.faces().size())
                                            : String.format(
                                                    Locale.ROOT,
                                                    "%s: %d face(s)",
                                                    TextFields.tsv(result.source()),
                                                    result.faces().size()));
                            for (TrackedFace f : result.faces()) {
                                sb.append(String.format(
                                        Locale.ROOT,
                                        "  #%d %s %.2f",
                                        f.track(),
                                        TextFields.tsv(f.prediction().label()),
                                        f.prediction().probability()));
                            }
                            console.println(sb);
                        }
                    });
                } catch (Exception | Error e) {
                    // The cause first, then what is left of the outputs.
                    System.err.println("fer: " + Messages.reason(e));
                    reportSkipped(camera.skippedFiles());
                    List<String> completed = completed(requested);
                    if (!requested.isEmpty()) {
                        System.err.println("fer: "
                                + (completed.isEmpty()
                                        ? "no output was completed"
                                        : "completed before the failure: " + String.join("; ", completed)));
                    }
                    throw new ReportedFailure(e);
                }
                return report(src, frames, camera.skippedFiles(), requested, interrupted.get(), console);
            } finally {
                if (!interrupted.get()) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // The hook has started after all; it waits for `done` below.
                    }
                }
            }
        } finally {
            done.countDown();
            if (window != null) {
                window.dispose();
            }
        }
    }

    /** Prints what the run did and returns the exit code: 1 when something asked for was not written. */
    private static int report(
            VideoSource src,
            long frames,
            List<SkippedFile> skipped,
            List<Requested> requested,
            boolean interrupted,
            PrintStream console) {
        reportSkipped(skipped);
        String unreadable = skipped.isEmpty()
                ? ""
                : String.format(
                        Locale.ROOT, " (%d unreadable file%s skipped)", skipped.size(), skipped.size() == 1 ? "" : "s");
        List<String> completed = completed(requested);
        if (frames == 0) {
            // An empty or undecodable video, or a folder of unreadable images: nothing to show for the run.
            System.err.println("fer: no frame could be read from " + src.description() + unreadable
                    + (interrupted ? " before the run was interrupted" : "") + "; nothing was written");
            return 1;
        }
        StringBuilder line = new StringBuilder((interrupted ? "Interrupted after " : "Processed ") + frames
                + " frames from " + src.description() + unreadable);
        completed.forEach(c -> line.append("; ").append(c));
        if (interrupted && completed.isEmpty() && !requested.isEmpty()) {
            line.append("; no output was completed");
        }
        console.println(line);
        List<String> missing = new ArrayList<>();
        for (Requested r : requested) {
            List<Path> done = r.sink().completedFiles();
            boolean folder = r.kind() == Output.ANNOTATED_IMAGES;
            for (Path p : r.files()) {
                if (folder ? done.isEmpty() : !done.contains(p)) {
                    missing.add(r.kind().description + " " + p);
                }
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("fer: not written: " + String.join(", ", missing));
            return 1;
        }
        return 0;
    }

    private static void reportSkipped(List<SkippedFile> skipped) {
        for (SkippedFile s : skipped) {
            System.err.println("fer: skipped " + s.path() + ": " + s.reason());
        }
    }

    /** Lists the finished outputs, for example "annotated output in a.mp4"; empty when there are none. */
    private static List<String> completed(List<Requested> requested) {
        List<String> parts = new ArrayList<>();
        for (Requested r : requested) {
            List<Path> files = r.sink().completedFiles();
            if (!files.isEmpty()) {
                parts.add(r.kind().description + " in "
                        + (r.kind() == Output.ANNOTATED_IMAGES
                                ? r.files().get(0) + " (" + files.size() + ")"
                                : String.join(
                                        ", ", files.stream().map(Path::toString).toList())));
            }
        }
        return parts;
    }
}
