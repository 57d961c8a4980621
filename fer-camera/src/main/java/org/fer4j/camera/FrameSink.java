// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * An output the camera writes as it processes frames: an annotated video or images, JSON lines, a summary.
 * The static methods make the built-in ones; an output of your own implements {@link #accept}.
 *
 * <pre>{@code
 * EmotionCamera.builder()
 *     .setSource(VideoSource.video(Path.of("talk.mp4")))
 *     .setClassifier(fer)
 *     .optSink(FrameSink.annotatedVideo(Path.of("out/talk-annotated.mp4")))
 *     .optSink(FrameSink.jsonLines(Path.of("out/talk.jsonl")))
 *     .optSink(FrameSink.summary(Path.of("out/talk-summary.csv"), Path.of("out/talk-timeline.png"), chart))
 *     .build();
 * }</pre>
 *
 * <p>A sink given to {@link EmotionCamera.Builder#optSink(FrameSink)} belongs to that camera: it is opened
 * before the first frame, gets every frame on the loop thread, and when the run ends it is closed (the
 * source ended, or the camera was stopped or interrupted) or aborted (the run failed). Each writes into a
 * hidden temporary file beside its target and moves it onto the target only when the file is complete
 * (when the run ends, also after {@code stop()}; for images, after each image), so a target is either a
 * whole file or left as it was: a run that fails, or a JVM that exits before the run ends, leaves no
 * half-written file there. A sink that got nothing to write (no frame) writes no file.
 */
public interface FrameSink extends Closeable {

    /**
     * Writes one JSON object per analysed frame, one per line:
     * {@code {"frame":12,"timestampMs":480,"source":"talk.mp4","faces":[{"track":1,"box":{"x":..,"y":..,
     * "width":..,"height":..},"score":0.92,"landmarks":{"rightEye":{"x":..,"y":..},"leftEye":..,"noseTip":..,
     * "rightMouthCorner":..,"leftMouthCorner":..},"fresh":true,"emotion":"happy","probability":0.91,
     * "probabilities":{"angry":0.01,...}}]}}, where {@code source} is {@link FrameResult#source()} (for an
     * image folder, the image's file name), {@code landmarks} is left out for detectors without them, and
     * {@code fresh} is false for a face that shows an earlier frame's classification
     * ({@link TrackedFace#fresh()}).
     *
     * @param file the file to write; {@code -} writes to standard output, and a FIFO or device is written
     *     directly
     * @return the sink
     */
    static FrameSink jsonLines(Path file) {
        return new JsonLinesSink(Objects.requireNonNull(file, "file"));
    }

    /**
     * Records every frame, annotated, into a video file whose format follows the file name (mp4, mkv,
     * avi, ...); its frame rate is the source's (25 when the source has none) and frames keep their
     * timestamps.
     *
     * @param file the video file to write
     * @return the sink
     * @throws IllegalArgumentException if FFmpeg knows no format for the file name, or it is {@code -}
     */
    static FrameSink annotatedVideo(Path file) {
        Objects.requireNonNull(file, "file");
        if (OutputFile.isStdout(file)) {
            throw new IllegalArgumentException("Cannot write a video to standard output (-): name a video file");
        }
        if (!OutputFile.isDirect(file)
                && avformat.av_guess_format(null, file.getFileName().toString(), null) == null) {
            throw new IllegalArgumentException("Cannot write a video as " + file + ": FFmpeg knows no video format for "
                    + "that file name (use for example .mp4, .mkv or .avi)");
        }
        return new VideoFileSink(file);
    }

    /**
     * Writes the annotated frame to one image file (format from its name, for example png or jpg),
     * replaced by each frame: meant for a single image source. {@code -} writes a PNG to standard output, and
     * a FIFO or device is written directly.
     *
     * @param file the image file to write
     * @return the sink
     * @throws IllegalArgumentException if OpenCV writes no image format for the file name
     */
    static FrameSink annotatedImage(Path file) {
        Objects.requireNonNull(file, "file");
        // Checked here, before any work: OpenCV would only refuse the name when the first image is written.
        if (!OutputFile.isDirect(file)
                && !ImageFilesSink.haveImageWriter(file.getFileName().toString())) {
            throw new IllegalArgumentException("Cannot write an image as " + file + ": OpenCV writes no image format "
                    + "for that file name (use for example .png or .jpg)");
        }
        return new ImageFilesSink(file, null);
    }

    /**
     * Writes every annotated frame into {@code dir} as a PNG named after its source file:
     * {@code photo.jpg} gives {@code photo-annotated.png}, and a second file with the same stem, say
     * {@code photo.png}, gives {@code photo-png-annotated.png} (then numbers), so no image overwrites
     * another. Frames of a video, which share one source, are {@code frame-000000.png}, {@code frame-000001.png}, ...
     *
     * @param dir the folder to write into
     * @return the sink
     */
    static FrameSink annotatedImages(Path dir) {
        return new ImageFilesSink(Objects.requireNonNull(dir, "dir"), "png");
    }

    /**
     * Writes, when the run ends, a CSV with the share of each emotion among the faces of every second
     * ({@code second,frames,faces,angry,...}) and a PNG chart of that timeline drawn by {@code chart};
     * nothing when no frame was analysed. Meant for videos: the frames of images and image folders all fall
     * into second 0.
     *
     * @param csvFile the CSV file to write
     * @param chartPng the PNG chart to write
     * @param chart draws the chart (fer-camera has no chart library of its own)
     * @return the sink
     */
    static FrameSink summary(Path csvFile, Path chartPng, TimelineChart chart) {
        return new SummarySink(
                Objects.requireNonNull(csvFile, "csvFile"),
                Objects.requireNonNull(chartPng, "chartPng"),
                Objects.requireNonNull(chart, "chart"));
    }

    /**
     * Writes one frame; {@code frame} is only valid during the call.
     *
     * @param result what was found in the frame
     * @param frame the frame itself, valid only during the call
     * @throws IOException if writing fails; the camera stops
     */
    void accept(FrameResult result, CapturedFrame frame) throws IOException;

    /**
     * Returns the files this sink has finished and put in place so far, in the order it finished them;
     * the default returns an empty list. Call it from the loop thread or after the run.
     *
     * @return the finished files
     */
    default List<Path> completedFiles() {
        return List.of();
    }

    /**
     * Ends a run that failed: drops what this sink has not finished, so no incomplete file is left at its
     * target, and frees it; files already finished stay. The default calls {@link #close()}.
     *
     * @throws IOException if freeing fails
     */
    default void abort() throws IOException {
        close();
    }

    /** Finishes the output (trailers, summaries) and frees it; the default does nothing. */
    @Override
    default void close() throws IOException {}

    /**
     * Draws the timeline chart of {@link #summary(Path, Path, TimelineChart)}: the share of each emotion among
     * the faces of every second of a run. fer-camera draws no charts and depends on no chart library; the
     * {@code fer} app passes one drawn with JFreeChart. The summary sink calls it once, when the run ends,
     * and writes the image it returns.
     */
    @FunctionalInterface
    interface TimelineChart {

        /**
         * Returns the chart as an image.
         *
         * @param title the chart's title, naming the source
         * @param labels the emotions, in the order of each second's shares
         * @param colours each emotion's colour as the annotated frames draw it, in label order
         * @param shares for every second from 0 on, the share of each emotion among that second's faces, from
         *     0 to 1 (all 0 for a second without a face)
         * @return the chart
         */
        BufferedImage draw(String title, List<String> labels, List<Color> colours, double[][] shares);
    }
}
