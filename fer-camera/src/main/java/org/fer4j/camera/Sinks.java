package org.fer4j.camera;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The built-in {@link FrameSink}s. Each writes its files as frames arrive, so a crash keeps what came
 * before, and each belongs to the camera it is given to, which closes it.
 *
 * <pre>{@code
 * EmotionCamera.builder()
 *     .setSource(VideoSource.video(Path.of("talk.mp4")))
 *     .setClassifier(fer)
 *     .optSink(Sinks.annotatedVideo(Path.of("out/talk-annotated.mp4")))
 *     .optSink(Sinks.jsonLines(Path.of("out/talk.jsonl")))
 *     .optSink(Sinks.summary(Path.of("out/talk-summary.csv"), Path.of("out/talk-timeline.png")))
 *     .build();
 * }</pre>
 */
public final class Sinks {

    private Sinks() {
    }

    /**
     * Writes one JSON object per analysed frame, one per line, flushed after each line:
     * {@code {"frame":12,"timestampMs":480,"faces":[{"track":1,"box":{"x":..,"y":..,"width":..,"height":..},
     * "emotion":"happy","probability":0.91,"probabilities":{"angry":0.01,...}}]}}.
     *
     * @param file the file to write
     * @return the sink
     */
    public static FrameSink jsonLines(Path file) {
        return new JsonLinesSink(Objects.requireNonNull(file, "file"));
    }

    /**
     * Records every frame, annotated, into a video file whose format follows the file name (mp4, mkv,
     * avi, ...); its frame rate is the source's (25 when the source has none) and frames keep their
     * timestamps.
     *
     * @param file the video file to write
     * @return the sink
     */
    public static FrameSink annotatedVideo(Path file) {
        return new VideoFileSink(Objects.requireNonNull(file, "file"));
    }

    /**
     * Writes the annotated frame to one image file (format from its name, for example png or jpg),
     * overwritten by each frame: meant for a single image source.
     *
     * @param file the image file to write
     * @return the sink
     */
    public static FrameSink annotatedImage(Path file) {
        return new ImageFilesSink(Objects.requireNonNull(file, "file"), null);
    }

    /**
     * Writes every annotated frame into {@code dir} as {@code frame-000000.png}, {@code frame-000001.png}, ...
     *
     * @param dir the folder to write into
     * @return the sink
     */
    public static FrameSink annotatedImages(Path dir) {
        return new ImageFilesSink(Objects.requireNonNull(dir, "dir"), "png");
    }

    /**
     * Writes, when the run ends, a CSV with the share of each emotion among the faces of every second
     * ({@code second,frames,faces,angry,...}) and a PNG chart of that timeline. Meant for videos: the
     * frames of images and image folders all fall into second 0.
     *
     * @param csvFile the CSV file to write
     * @param chartPng the PNG chart to write
     * @return the sink
     */
    public static FrameSink summary(Path csvFile, Path chartPng) {
        return new SummarySink(Objects.requireNonNull(csvFile, "csvFile"),
                Objects.requireNonNull(chartPng, "chartPng"));
    }
}
