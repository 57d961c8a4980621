// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.core.SkippedFile;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/**
 * The body of one {@link EmotionCamera} run, on the loop thread: takes each frame the
 * {@link DetectionStage} has read, detected and cropped, classifies its faces in one batch, gives them their
 * tracked emotions, hands the result to the sinks and the listener, and releases everything when the run
 * ends. {@link EmotionCamera} keeps the lifecycle (run once, start, stop, close) and the options.
 */
final class CameraLoop {

    /** Analysed frames from one full scan to the next on a live source, unless the builder says otherwise. */
    static final int LIVE_FULL_SCAN_EVERY = 5;

    /** What the builder chose; {@code detector} null means the loop creates (and closes) a YuNet detector. */
    record Settings(
            VideoSource source,
            EmotionClassifier classifier,
            FaceDetector detector,
            int everyNthFrame,
            int fullScanEvery,
            int classifyAtMost,
            double smoothing,
            double faceMargin) {}

    private final Settings settings;
    private final CameraSinks sinks;
    private final BooleanSupplier stopRequested;
    private volatile List<SkippedFile> skipped = List.of();
    /** Set, on the loop thread, once a {@link DetectionStage} has taken over closing the input. */
    private boolean stageOwnsInput;

    CameraLoop(Settings settings, CameraSinks sinks, BooleanSupplier stopRequested) {
        this.settings = settings;
        this.sinks = sinks;
        this.stopRequested = stopRequested;
    }

    /** The files of an image folder that could not be read; empty until the run has ended. */
    List<SkippedFile> skipped() {
        return skipped;
    }

    /**
     * Returns a thread, not yet started, that runs the loop on {@code input}, then calls {@code finished} and
     * completes {@code done} with the frame count or with what stopped the loop.
     */
    Thread thread(
            FrameInput input,
            BiConsumer<FrameResult, CapturedFrame> listener,
            CompletableFuture<Long> done,
            Runnable finished,
            String name) {
        // Not a daemon: the owner ends the loop with stop() or close(), so files are never cut short by JVM exit.
        return new Thread(
                () -> {
                    // The loop counts as finished before the future completes, so that whoever waits on the
                    // future sees isRunning() false; close() waits for both.
                    long frames;
                    try {
                        frames = run(input, listener);
                    } catch (InterruptedException e) {
                        finished.run();
                        done.completeExceptionally(e);
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Throwable e) {
                        finished.run();
                        done.completeExceptionally(e);
                        return;
                    }
                    finished.run();
                    done.complete(frames);
                },
                name);
    }

    /**
     * Runs until the source ends or a stop is requested, then releases the input, buffers, an own detector
     * and the sinks; returns the number of frames delivered.
     */
    long run(FrameInput input, BiConsumer<FrameResult, CapturedFrame> listener)
            throws IOException, InterruptedException {
        FaceDetector faces = settings.detector();
        Mat annotated = new Mat();
        long frames;
        try {
            if (faces == null) {
                faces = settings.source().isLive() ? YuNetFaceDetector.live().build() : YuNetFaceDetector.create();
            }
            frames = frames(input, faces, annotated, listener);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            release(input, faces, annotated, e);
            throw e;
        }
        IOException closeError = release(input, faces, annotated, null);
        if (closeError != null) {
            throw closeError;
        }
        return frames;
    }

    private long frames(
            FrameInput input, FaceDetector faces, Mat annotated, BiConsumer<FrameResult, CapturedFrame> listener)
            throws IOException, InterruptedException {
        VideoSource source = settings.source();
        EmotionClassifier classifier = settings.classifier();
        sinks.open(new SourceInfo(source.description(), input.frameRate(), source.isVideo(), classifier.labels()));
        // Tracking and smoothing follow a face through the frames of one video; separate photos share neither.
        TrackEmotions emotions = new TrackEmotions(source.isVideo() ? settings.smoothing() : 1);
        List<TrackedFace> current = List.of();
        long index = 0;
        double fps = 0;
        long previous = 0;
        double margin = settings.faceMargin();
        DetectionStage.Cropper cropper = (frame, face) -> FaceCrops.crop(frame, face, margin);
        stageOwnsInput = true;
        // Files are scanned in full on every analysed frame: nothing there needs real time.
        int scanEvery =
                settings.fullScanEvery() > 0 ? settings.fullScanEvery() : source.isLive() ? LIVE_FULL_SCAN_EVERY : 1;
        FaceTracker tracker = source.isVideo() ? new FaceTracker(settings.classifyAtMost()) : FaceTracker.forStills();
        try (DetectionStage stage = new DetectionStage(
                input, faces, tracker, cropper, settings.everyNthFrame(), scanEvery, "fer-camera reader " + source)) {
            while (!stopRequested.getAsBoolean()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("EmotionCamera on " + source + " was interrupted at frame " + index);
                }
                DetectionStage.ReadyFrame item = stage.next(stopRequested);
                if (item == null) {
                    break;
                }
                Mat mat = item.mat();
                boolean analysed = item.faces() != null;
                if (analysed) {
                    List<EmotionPrediction> fresh =
                            item.crops().isEmpty() ? List.of() : classifier.predictGrey(item.crops());
                    current = emotions.update(item.faces(), fresh);
                } else {
                    current = carried(current);
                }
                FrameResult result = new FrameResult(
                        item.index(), item.timestampMs(), mat.cols(), mat.rows(), current, analysed, item.source());
                CapturedFrame frame = new CapturedFrame(mat, annotated, result, fps);
                try {
                    sinks.accept(result, frame);
                    listener.accept(result, frame);
                } finally {
                    frame.invalidate();
                    stage.recycle(mat);
                }
                index++;
                long now = System.nanoTime();
                if (previous != 0) {
                    // Frame rate over the whole cycle (read, detect, classify, sinks, listener), smoothed so
                    // the number drawn on the video is readable.
                    double instant = 1e9 / Math.max(1, now - previous);
                    fps = fps == 0 ? instant : 0.9 * fps + 0.1 * instant;
                }
                previous = now;
            }
        }
        return index;
    }

    private static List<TrackedFace> carried(List<TrackedFace> faces) {
        List<TrackedFace> out = new ArrayList<>(faces.size());
        for (TrackedFace f : faces) {
            out.add(f.carried());
        }
        return out;
    }

    /**
     * Releases the source, buffers, an own detector and the sinks. Returns the first sink close error when
     * there was no earlier failure (a sink that cannot finish its file has lost data); with a failure, close
     * errors are added to it as suppressed.
     */
    private IOException release(FrameInput input, FaceDetector faces, Mat annotated, Throwable failure) {
        skipped = input.skipped();
        if (!stageOwnsInput) {
            input.close();
        }
        annotated.close();
        if (faces != null && faces != settings.detector()) {
            faces.close();
        }
        return sinks.close(failure);
    }
}
