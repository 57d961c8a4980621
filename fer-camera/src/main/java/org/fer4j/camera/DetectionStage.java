// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.GreyImage;

/**
 * The first of the camera loop's two stages, on its own thread: reads each frame, copies it into a buffer of
 * a small pool (the next grab overwrites the grabber's own frame), detects faces in it, follows them with
 * a {@link FaceTracker} and cuts out the faces to classify, while the loop
 * thread classifies and delivers the frame before. Detection and classification are the two costly
 * steps, so on two or more cores they overlap instead of adding up.
 *
 * <p>With a detector that has a cheaper look for known faces ({@link FaceDetector#detectNear}: the
 * {@link HaarFaceDetector} searches near them, {@link YuNetFaceDetector} scans coarsely plus finely around
 * the small ones), frames between full scans get only that look; a full scan runs every
 * {@code fullScanEvery} analysed frames, whenever no face is known, whenever a known face is not found
 * again, and on every analysed frame for detectors without such a look.
 */
final class DetectionStage implements AutoCloseable {

    /** Buffers in flight: one being delivered by the loop, one being filled here. */
    private static final int BUFFERS = 2;

    private static final Object END = new Object();

    /** How long {@link #close()} waits for a reader stuck in a grab before leaving it to finish alone. */
    static final long CLOSE_WAIT_MS = 2000;
    /** How often a caller waiting in {@link #next} checks whether it was asked to stop. */
    static final long POLL_MS = 50;

    /** Cuts one face out of a frame for the classifier. */
    @FunctionalInterface
    interface Cropper {
        /** Returns the crop of {@code face} of {@code frame}. */
        GreyImage crop(Mat frame, FaceDetection face);
    }

    /**
     * A frame read and, when it is analysed, with its faces detected, tracked and cropped: what the loop
     * thread classifies and delivers.
     *
     * @param index frame index from 0
     * @param timestampMs the source's timestamp
     * @param mat a pool buffer holding a copy of the frame; hand it back with {@link #recycle(Mat)}
     * @param faces the faces found, left to right, or null when this frame is not analysed
     * @param crops the crops of the faces marked {@link FaceTracker.Assignment#classify()}, in order
     * @param source the file name or description the frame came from
     */
    record ReadyFrame(
            long index,
            long timestampMs,
            Mat mat,
            List<FaceTracker.Assignment> faces,
            List<GreyImage> crops,
            String source) {}

    private final FrameInput input;
    private final FaceDetector detector;
    private final FaceTracker tracker;
    private final Cropper cropper;
    private final int everyNthFrame;
    private final int fullScanEvery;
    private final List<Mat> buffers = new ArrayList<>();
    private final BlockingQueue<Mat> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread thread;
    private volatile boolean stop;
    /** Set when {@link #close()} gave up waiting: the reader thread then frees the input and buffers itself. */
    private boolean abandoned;
    /** Set by the reader thread as it ends; guarded by this, like {@link #abandoned}. */
    private boolean exited;

    /** Starts reading; the stage owns {@code input} from now on and closes it. */
    DetectionStage(
            FrameInput input,
            FaceDetector detector,
            FaceTracker tracker,
            Cropper cropper,
            int everyNthFrame,
            int fullScanEvery,
            String threadName) {
        this.input = input;
        this.detector = detector;
        this.tracker = tracker;
        this.cropper = cropper;
        this.everyNthFrame = everyNthFrame;
        this.fullScanEvery = fullScanEvery;
        for (int i = 0; i < BUFFERS; i++) {
            Mat m = new Mat();
            buffers.add(m);
            free.add(m);
        }
        thread = new Thread(this::read, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            readFrames();
        } finally {
            synchronized (this) {
                exited = true;
                if (abandoned) {
                    release();
                }
            }
        }
    }

    private void readFrames() {
        long index = 0;
        List<FaceDetection> previous = List.of();
        int nearScans = 0;
        try {
            while (!stop) {
                Mat buffer = free.take();
                Mat frame = input.next();
                if (frame == null) {
                    ready.put(END);
                    return;
                }
                Mats.checkImage(frame);
                frame.copyTo(buffer);
                List<FaceDetection> faces = null;
                List<FaceTracker.Assignment> tracked = null;
                List<GreyImage> crops = List.of();
                if (index % everyNthFrame == 0) {
                    if (!previous.isEmpty() && nearScans + 1 < fullScanEvery) {
                        Optional<List<FaceDetection>> near = detector.detectNear(buffer, boxes(previous));
                        if (near.isPresent()) {
                            faces = near.get();
                            nearScans++;
                        }
                    }
                    // A face lost by the cheap look near the previous faces may just have moved further:
                    // scan in full at once rather than drop it until the next full scan.
                    if (faces == null || faces.size() < previous.size()) {
                        faces = detector.detect(buffer);
                        nearScans = 0;
                    }
                    previous = faces;
                    tracked = tracker.update(leftToRight(faces));
                    crops = new ArrayList<>();
                    for (FaceTracker.Assignment face : tracked) {
                        if (face.classify()) {
                            crops.add(cropper.crop(buffer, face.detection()));
                        }
                    }
                }
                ready.put(new ReadyFrame(index, input.timestampMs(), buffer, tracked, crops, input.sourceName()));
                index++;
            }
        } catch (InterruptedException e) {
            // Only close() interrupts this private thread, and it means: stop reading. The thread ends
            // here, so there is no caller left to pass the interrupt on to.
        } catch (Throwable e) {
            try {
                ready.put(e);
            } catch (InterruptedException stopped) {
                // Closed while reporting: the loop is already ending.
            }
        }
    }

    /** The faces left to right (then top to bottom) whatever order a plugged-in detector uses, as FrameResult promises. */
    private static List<FaceDetection> leftToRight(List<FaceDetection> found) {
        List<FaceDetection> faces = new ArrayList<>(found);
        faces.sort(Comparator.comparingInt((FaceDetection f) -> f.box().x())
                .thenComparingInt(f -> f.box().y()));
        return faces;
    }

    private static List<FaceBox> boxes(List<FaceDetection> faces) {
        List<FaceBox> boxes = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) {
            boxes.add(f.box());
        }
        return boxes;
    }

    /**
     * Returns the next frame, or null at the end of the source or once {@code stopped} says so (checked
     * every {@link #POLL_MS} while waiting, so a stalled source cannot hold the caller); rethrows what the
     * reader failed with.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    ReadyFrame next(BooleanSupplier stopped) throws IOException, InterruptedException {
        Object o;
        do {
            if (stopped.getAsBoolean()) {
                return null;
            }
            o = ready.poll(POLL_MS, TimeUnit.MILLISECONDS);
        } while (o == null);
        if (o == END) {
            return null;
        }
        if (o instanceof ReadyFrame) {
            return (ReadyFrame) o;
        }
        if (o instanceof IOException) {
            throw (IOException) o;
        }
        if (o instanceof RuntimeException) {
            throw (RuntimeException) o;
        }
        if (o instanceof Error) {
            throw (Error) o;
        }
        throw new IOException("Frame reader failed: " + o, (Throwable) o);
    }

    /** Hands a buffer from {@link #next(BooleanSupplier)} back for reuse. */
    void recycle(Mat buffer) {
        free.offer(buffer);
    }

    /**
     * Stops the reader thread and frees the input and buffers. Waits up to {@link #CLOSE_WAIT_MS} for the
     * thread, which may be inside a blocking grab that ends only with the next frame; a reader still
     * stuck after that is left to free them itself when the grab returns, so a stalled stream cannot hang
     * the caller. Keeps the caller's interrupt status.
     */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        while (thread.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        synchronized (this) {
            // Closing the input while its grab runs could crash in native code: if the thread is still in
            // it, it frees everything on its way out (see read()).
            if (exited) {
                release();
            } else {
                abandoned = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        input.close();
        buffers.forEach(Mat::close);
    }
}
