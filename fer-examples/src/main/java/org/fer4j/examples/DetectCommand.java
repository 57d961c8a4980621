package org.fer4j.examples;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.CanvasFrame;
import org.fer4j.camera.DetectedFace;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.Sinks;
import org.fer4j.camera.VideoSource;
import org.fer4j.inference.EmotionClassifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fer detect}: finds faces in a webcam, video, image or folder and labels their expressions. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Detect faces and classify their expressions in a webcam, video file, stream, image or folder.")
final class DetectCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--camera", paramLabel = "N", description = "Webcam index (0 is the first camera).")
        Integer camera;

        @Option(names = "--input", paramLabel = "FILE_OR_URL_OR_FOLDER", description = "Video file, stream URL, image or folder of images.")
        String input;
    }

    @Option(names = "--output", description = "Annotated output: a video for video sources, an image (or folder for a folder).")
    Path output;

    @Option(names = "--json", description = "JSON lines file, one object per frame.")
    Path json;

    @Option(names = "--no-display", description = "Do not open a window.")
    boolean noDisplay;

    @Option(names = "--smooth", description = "Smooth each tracked face's probabilities over frames.")
    boolean smooth;

    @Option(names = "--every", defaultValue = "1", description = "Analyse every N-th frame (default: ${DEFAULT-VALUE}).")
    int every;

    @Override
    public Integer call() throws Exception {
        Engines.preferOneInferenceThread();
        Engines.quietFfmpeg();
        VideoSource src = source.camera != null ? VideoSource.camera(source.camera) : VideoSource.parse(source.input);
        boolean display = !noDisplay && !GraphicsEnvironment.isHeadless();
        try (EmotionClassifier fer = model.load()) {
            EmotionCamera.Builder builder = EmotionCamera.builder().setSource(src).setClassifier(fer)
                    .optEveryNthFrame(every).optSmoothing(smooth ? 0.3 : 1.0);
            if (json != null) {
                builder.optSink(Sinks.jsonLines(json));
            }
            if (output != null) {
                if (src.isVideo()) {
                    builder.optSink(Sinks.annotatedVideo(output));
                    String base = output.getFileName().toString().replaceAll("\\.[^.]*$", "");
                    builder.optSink(Sinks.summary(output.resolveSibling(base + "-summary.csv"),
                            output.resolveSibling(base + "-timeline.png")));
                } else if (source.input != null && java.nio.file.Files.isDirectory(Path.of(source.input))) {
                    builder.optSink(Sinks.annotatedImages(output));
                } else {
                    builder.optSink(Sinks.annotatedImage(output));
                }
            }
            CanvasFrame window = display ? new CanvasFrame("fer detect: " + src.description()) : null;
            CountDownLatch done = new CountDownLatch(1);
            try (EmotionCamera camera = builder.build()) {
                Thread hook = new Thread(() -> {
                    camera.stop();
                    try {
                        done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hook);
                long frames = camera.run((result, frame) -> {
                    if (window != null) {
                        if (!window.isVisible()) {
                            camera.stop();
                            return;
                        }
                        window.showImage(frame.annotatedImage());
                    }
                    if (!display || !src.isVideo() || result.frameIndex() % 30 == 0) {
                        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "frame %d (%d ms): %d face(s)",
                                result.frameIndex(), result.timestampMs(), result.faces().size()));
                        for (DetectedFace f : result.faces()) {
                            sb.append(String.format(Locale.ROOT, "  #%d %s %.2f", f.track(), f.prediction().label(),
                                    f.prediction().probability()));
                        }
                        System.out.println(sb);
                    }
                });
                done.countDown();
                System.out.println("Processed " + frames + " frames from " + src.description()
                        + (output != null ? "; annotated output in " + output : "")
                        + (json != null ? "; JSON lines in " + json : ""));
            } finally {
                done.countDown();
                if (window != null) {
                    window.dispose();
                }
            }
        }
        return 0;
    }
}
