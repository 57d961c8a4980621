// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.FrameResult;
import org.fer4j.camera.FrameSink;
import org.fer4j.camera.VideoSource;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer demo}: classifies the bundled FER-2013 sample faces with the bundled model, then runs
 * the camera loop on a short video made from them, and says where the outputs are.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the bundled model on the bundled sample faces and on a short video made from them.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(
            names = "--output",
            defaultValue = "fer-demo",
            description = "Folder for the outputs (default: ${DEFAULT-VALUE}).")
    Path output;

    /** What the demo found: how many sample faces matched their dataset label, and the video's frames. */
    record Result(int samples, int correct, long frames, long framesWithFaces) {}

    @Override
    public Integer call() throws Exception {
        run();
        return 0;
    }

    Result run() throws Exception {
        Engines.preferOneInferenceThread();
        Engines.quietFfmpeg();
        Files.createDirectories(output);
        List<SampleFaces.Sample> samples = SampleFaces.load();
        List<Path> files = SampleFaces.extractTo(output.resolve("samples"));
        try (EmotionClassifier fer = model.load()) {
            System.out.println("Model: " + fer.source() + " (" + fer.info().architecture() + ")");
            System.out.printf(
                    "%-40s %-9s %-9s %s%n", "sample face (FER-2013 PublicTest)", "label", "predicted", "probability");
            int correct = 0;
            for (int i = 0; i < samples.size(); i++) {
                EmotionPrediction p = fer.predict(files.get(i));
                boolean right = p.label().equals(samples.get(i).label());
                correct += right ? 1 : 0;
                System.out.printf(
                        Locale.ROOT,
                        "%-40s %-9s %-9s %.3f%s%n",
                        samples.get(i).fileName(),
                        samples.get(i).label(),
                        p.label(),
                        p.probability(),
                        right ? "" : "  (differs)");
            }
            System.out.printf("%d of %d sample faces match their dataset label.%n%n", correct, samples.size());

            Path video = output.resolve("demo-input.mp4");
            writeVideo(samples, video);
            Path annotated = output.resolve("demo-annotated.mp4");
            Path json = output.resolve("demo-frames.jsonl");
            Path csv = output.resolve("demo-summary.csv");
            Path chart = output.resolve("demo-timeline.png");
            long[] withFaces = {0};
            long frames;
            try (EmotionCamera camera = EmotionCamera.builder()
                    .setSource(VideoSource.video(video))
                    .setClassifier(fer)
                    .optSink(FrameSink.annotatedVideo(annotated))
                    .optSink(FrameSink.jsonLines(json))
                    .optSink(FrameSink.summary(csv, chart, new JFreeTimelineChart()))
                    .build()) {
                frames = camera.run((FrameResult r, org.fer4j.camera.CapturedFrame f) -> {
                    if (!r.faces().isEmpty()) {
                        withFaces[0]++;
                    }
                });
            }
            System.out.printf("Video: %d frames, faces found in %d.%n", frames, withFaces[0]);
            System.out.println("Outputs:");
            for (Path p : List.of(output.resolve("samples"), video, annotated, json, csv, chart)) {
                System.out.println("  " + p);
            }
            return new Result(samples.size(), correct, frames, withFaces[0]);
        }
    }

    /** Three seconds at 25 fps: each sample face in turn, with a blank gap between faces. */
    private static void writeVideo(List<SampleFaces.Sample> samples, Path video) throws java.io.IOException {
        int perFace = 10;
        int gap = 3;
        int frames = samples.size() * (perFace + gap);
        SyntheticVideo.write(video, 640, 480, 25, frames, i -> {
            int slot = i / (perFace + gap);
            if (i % (perFace + gap) >= perFace) {
                return List.of();
            }
            List<SyntheticVideo.Placement> faces = new ArrayList<>();
            faces.add(new SyntheticVideo.Placement(samples.get(slot).image(), 120 + (i % perFace) * 8, 140, 180));
            return faces;
        });
    }
}
