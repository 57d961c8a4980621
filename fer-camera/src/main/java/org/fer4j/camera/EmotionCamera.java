// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.fer4j.core.SkippedFile;
import org.fer4j.inference.EmotionClassifier;

/**
 * The capture, face detection and emotion loop: reads frames from a {@link VideoSource}, finds faces
 * with a {@link FaceDetector}, classifies all faces of a frame in one batch with an
 * {@link EmotionClassifier}, follows them across frames, and hands each {@link FrameResult} to the
 * sinks and to a listener.
 *
 * <pre>{@code
 * try (EmotionClassifier fer = EmotionClassifier.loadDefault();
 *      EmotionCamera camera = EmotionCamera.builder()
 *          .setSource(VideoSource.camera(0))
 *          .setClassifier(fer)
 *          .optSink(FrameSink.jsonLines(Path.of("faces.jsonl")))
 *          .build()) {
 *     CompletableFuture<Long> done = camera.start((result, frame) -> show(frame.annotatedImage()));
 *     ...
 *     camera.stop();      // from any thread; or close(), which also waits for the loop to end
 *     done.get();
 * }
 * }</pre>
 *
 * <p>A camera runs once, either in the caller's thread ({@link #run}) or in its own ({@link #start}),
 * until the source ends, {@link #stop()} is called, the thread is interrupted or a listener or sink
 * throws. Classification, sinks and the listener run on that loop thread; reading, face detection,
 * tracking and cutting out the faces run one frame ahead on a helper thread, on copies of the grabbed
 * frames, so that the two costly steps (detection and classification) overlap. When the loop ends it
 * releases the grabber, the sinks and all native buffers itself; a source stuck in a read (a stalled
 * stream) is waited for at most two seconds and then left to release itself when the read returns.
 * Ownership: the camera owns its sinks and any detector it creates; the classifier, and a detector
 * passed to the builder, belong to the caller, who closes them after the camera. {@link #stop()},
 * {@link #isRunning()} and {@link #close()} may be called from any thread.
 */
public final class EmotionCamera implements AutoCloseable {

    // This class keeps the run-once lifecycle and the options; what happens to each frame is CameraLoop's
    // job, and opening and closing the owned sinks is CameraSinks'.
    private final VideoSource source;
    private final CameraSinks sinks;
    private final CameraLoop loop;

    private final AtomicBoolean used = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile boolean closed;
    private volatile Thread loopThread;
    private volatile CompletableFuture<Long> future;

    private EmotionCamera(Builder b) {
        this.source = b.source;
        this.sinks = new CameraSinks(b.sinks);
        this.loop = new CameraLoop(
                new CameraLoop.Settings(
                        b.source,
                        b.classifier,
                        b.detector,
                        b.everyNthFrame,
                        b.fullScanEvery,
                        b.classifyAtMost,
                        b.smoothing,
                        b.faceMargin),
                sinks,
                () -> stopRequested);
    }

    /**
     * Returns a builder; a source and a classifier are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the loop in the calling thread until the source ends or the camera is stopped, then releases
     * everything and returns the number of frames delivered.
     *
     * @param listener receives each frame's result and the frame, in order, on the calling thread; the
     *     {@link CapturedFrame} is only valid during the call (the next frame overwrites it: take a copy with
     *     {@link CapturedFrame#annotatedImage()} to show it elsewhere), and a listener that throws stops the camera
     * @return the number of frames delivered
     * @throws IOException if the source cannot be opened (the message names what was tried), fails
     *     while reading, or a sink cannot write
     * @throws InterruptedException if the calling thread is interrupted; the loop stops first
     * @throws IllegalStateException if this camera already ran or is closed
     */
    public long run(BiConsumer<FrameResult, CapturedFrame> listener) throws IOException, InterruptedException {
        Objects.requireNonNull(listener, "listener");
        claim();
        loopThread = Thread.currentThread();
        try {
            return loop.run(sinks.openSource(source), listener);
        } finally {
            finished.countDown();
        }
    }

    /**
     * Opens the source in the calling thread, so a missing camera or file is reported here, then runs the
     * loop in a new thread. The future completes with the number of frames delivered, or exceptionally
     * with what stopped the loop; cancelling it stops the camera.
     *
     * @param listener receives each frame's result and the frame, in order, on the camera's thread; valid and
     *     stopping as for {@link #run(BiConsumer)}
     * @return a future of the number of frames delivered
     * @throws IOException if the source cannot be opened; the message names what was tried
     * @throws IllegalStateException if this camera already ran or is closed
     */
    public CompletableFuture<Long> start(BiConsumer<FrameResult, CapturedFrame> listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        claim();
        FrameInput input;
        try {
            input = sinks.openSource(source);
        } catch (IOException | RuntimeException | Error e) {
            finished.countDown();
            throw e;
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread thread = loop.thread(input, listener, done, finished::countDown, "fer-camera " + source);
        loopThread = thread;
        future = done;
        // The stage whenComplete returns is not needed: stop() only sets a flag and cannot fail.
        var unused = done.whenComplete((frames, error) -> {
            if (done.isCancelled()) {
                stop();
            }
        });
        try {
            thread.start();
        } catch (Error e) {
            input.close();
            sinks.close(e);
            finished.countDown();
            done.completeExceptionally(e);
            throw e;
        }
        return done;
    }

    /**
     * Asks the loop to stop after the frame it is processing; returns at once. A camera waiting for its
     * next frame (a stalled stream, say) stops within a fraction of a second.
     */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Returns whether the loop has started and not yet ended.
     *
     * @return whether the loop is running
     */
    public boolean isRunning() {
        return used.get() && finished.getCount() > 0;
    }

    /**
     * Returns the files of an image folder that could not be read, with the reason; empty for other sources.
     *
     * @return the skipped files with their reasons
     */
    public List<SkippedFile> skippedFiles() {
        return loop.skipped();
    }

    /**
     * Stops the loop and waits until it has released the source, sinks and native memory (unless called
     * from the loop's own thread, in which case the loop ends after the current frame). Closing a camera
     * that never ran closes its sinks. The classifier is not closed.
     */
    @Override
    public void close() {
        closed = true;
        stop();
        if (!used.getAndSet(true)) {
            finished.countDown();
            // Sinks open their files only when a run starts, so closing unused ones cannot lose data.
            sinks.close(null);
            return;
        }
        if (Thread.currentThread() != loopThread) {
            try {
                finished.await();
                CompletableFuture<Long> started = future;
                if (started != null) {
                    // The loop thread completes the future right after finishing; wait for that too,
                    // so that the future is done when close() returns. Its outcome is the starter's.
                    started.handle((frames, error) -> null).get();
                }
            } catch (InterruptedException e) {
                // The loop still ends and cleans up on its own; keep the interrupt for our caller.
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Unreachable: handle() never fails", e);
            }
        }
    }

    private void claim() {
        if (closed) {
            throw new IllegalStateException("This EmotionCamera is closed");
        }
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("An EmotionCamera runs once; build a new one for another run");
        }
    }

    /** Builds an {@link EmotionCamera}: {@code setX} for the required parts, {@code optX} for the rest. */
    public static final class Builder {
        private VideoSource source;
        private EmotionClassifier classifier;
        private FaceDetector detector;
        private int everyNthFrame = 1;
        private int fullScanEvery;
        private int classifyAtMost = Integer.MAX_VALUE;
        private double smoothing = 1;
        private double faceMargin = Double.NaN;
        private final List<FrameSink> sinks = new ArrayList<>();

        private Builder() {}

        /**
         * Sets where frames come from (required).
         *
         * @param source the frame source
         * @return this builder
         */
        public Builder setSource(VideoSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Sets the classifier (required); the caller keeps ownership and closes it after the camera.
         *
         * @param classifier the classifier
         * @return this builder
         */
        public Builder setClassifier(EmotionClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * Sets the face detector; the caller keeps ownership. Without one, the camera creates (and closes)
         * a {@link YuNetFaceDetector}: for cameras, streams and grabbers {@link YuNetFaceDetector#live()},
         * which keeps up with 30 frames per second, and for video files, images and folders the default one,
         * which scans every frame at full resolution and finer.
         *
         * @param detector the face detector
         * @return this builder
         */
        public Builder optDetector(FaceDetector detector) {
            this.detector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /**
         * Detects and classifies only every n-th frame (default 1, every frame); the frames between are
         * still delivered, with the faces of the last analysed frame and {@code analysed() == false}.
         *
         * @param n the analysis interval in frames, at least 1
         * @return this builder
         */
        public Builder optEveryNthFrame(int n) {
            this.everyNthFrame = atLeastOne(n, "everyNthFrame");
            return this;
        }

        /**
         * Scans whole frames for faces only every n-th analysed frame; in between the detector takes a cheaper
         * look ({@link FaceDetector#detectNear}): the Haar cascade searches only near the faces
         * already found, {@link YuNetFaceDetector} scans the frame at its coarse scale plus its finest scale
         * around the known small faces. A known face that is not found again triggers a full scan at once, so
         * the cost is that a new (small) face may appear up to n - 1 analysed frames late. The default is
         * 5 for cameras, streams and grabbers, and 1 (every frame in full) for
         * video files, images and folders, where nothing needs real time.
         *
         * @param n the full-scan interval in analysed frames, at least 1
         * @return this builder
         */
        public Builder optFullScanEvery(int n) {
            this.fullScanEvery = atLeastOne(n, "fullScanEvery");
            return this;
        }

        /**
         * Classifies at most {@code n} faces per analysed frame (default: all of them): faces that are new,
         * or were missing from the previous analysed frame, always; then the faces whose last
         * classification is oldest. The others keep their previous prediction and are delivered with
         * {@link TrackedFace#fresh()} false, so with four faces and n = 2 each face is classified every
         * second frame. Meant for live cameras, where classification is the costly step per face.
         *
         * @param n the faces to classify per analysed frame, at least 1
         * @return this builder
         */
        public Builder optClassifyAtMost(int n) {
            this.classifyAtMost = atLeastOne(n, "classifyAtMost");
            return this;
        }

        /**
         * Smooths each tracked face's probabilities over analysed frames with an exponential moving
         * average that gives the newest frame {@code newWeight} (for example 0.3). The default, 1, turns
         * smoothing off. Only the frames of a video, camera or stream are smoothed (and tracked): the photos of
         * an image folder are separate pictures, each classified on its own with tracks numbered from 1.
         *
         * @param newWeight the newest frame's weight, above 0 and at most 1
         * @return this builder
         */
        public Builder optSmoothing(double newWeight) {
            if (!(newWeight > 0 && newWeight <= 1)) {
                throw new IllegalArgumentException("Smoothing weight must be in (0, 1], got " + newWeight);
            }
            this.smoothing = newWeight;
            return this;
        }

        /**
         * Sets the border added around each face before it is classified, as a fraction of the face's size
         * per side: around the FER-2013 framing of the aligned crop for faces with landmarks (default -0.05,
         * a little tighter, chosen by measured accuracy), around the box for faces without (Haar; default 0.05).
         *
         * @param margin the margin, -0.2 to 1 (negative crops tighter)
         * @return this builder
         */
        public Builder optFaceMargin(double margin) {
            this.faceMargin = FaceAnalyzer.checkMargin(margin);
            return this;
        }

        /**
         * Adds a sink, which the camera then owns and closes when the run ends; see {@link FrameSink}.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder optSink(FrameSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        private static int atLeastOne(int n, String option) {
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be >= 1, got " + n);
            }
            return n;
        }

        /**
         * Returns the camera; nothing is opened until it runs.
         *
         * @return the camera; the caller closes it
         * @throws IllegalStateException if the source or classifier is missing
         */
        public EmotionCamera build() {
            if (source == null) {
                throw new IllegalStateException("EmotionCamera needs a source: setSource(VideoSource)");
            }
            if (classifier == null) {
                throw new IllegalStateException("EmotionCamera needs a classifier: setClassifier(EmotionClassifier)");
            }
            return new EmotionCamera(this);
        }
    }
}
