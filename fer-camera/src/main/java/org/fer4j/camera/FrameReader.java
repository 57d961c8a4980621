package org.fer4j.camera;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The first stage of the camera loop, on its own thread: reads each frame, copies it into a buffer of
 * a small pool (the next grab overwrites the grabber's own frame) and detects faces in it, while the
 * loop thread classifies and delivers the frame before. Detection and classification are the two
 * costly steps, so on two or more cores they overlap instead of adding up.
 *
 * <p>With a detector that can search near known faces ({@link FaceDetector#detectNear}, for example
 * {@link HaarFaceDetector}), frames between full scans are only searched near the faces of the previous
 * analysed frame; a full scan runs every {@code fullScanEvery} analysed frames, whenever no face is
 * known, whenever a known face is not found again, and on every analysed frame for detectors without
 * such a search.
 */
final class FrameReader implements AutoCloseable {

    /** Buffers in flight: one being delivered by the loop, one being filled here. */
    private static final int BUFFERS = 2;
    private static final Object END = new Object();

    /**
     * A read frame.
     *
     * @param index frame index from 0
     * @param timestampMs the source's timestamp
     * @param mat a pool buffer holding a copy of the frame; hand it back with {@link #recycle(Mat)}
     * @param faces the faces found, or null when this frame is not analysed
     * @param source the file name or description the frame came from
     */
    record Item(long index, long timestampMs, Mat mat, List<FaceDetection> faces, String source) {
    }

    private final FrameInput input;
    private final FaceDetector detector;
    private final int everyNthFrame;
    private final int fullScanEvery;
    private final List<Mat> buffers = new ArrayList<>();
    private final BlockingQueue<Mat> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread thread;
    private volatile boolean stop;

    FrameReader(FrameInput input, FaceDetector detector, int everyNthFrame, int fullScanEvery, String threadName) {
        this.input = input;
        this.detector = detector;
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
                }
                ready.put(new Item(index, input.timestampMs(), buffer, faces, input.sourceName()));
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

    private static List<FaceBox> boxes(List<FaceDetection> faces) {
        List<FaceBox> boxes = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) {
            boxes.add(f.box());
        }
        return boxes;
    }

    /**
     * Returns the next frame, or null at the end of the source; rethrows what the reader failed with.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Item next() throws IOException, InterruptedException {
        Object o = ready.take();
        if (o == END) {
            return null;
        }
        if (o instanceof Item) {
            return (Item) o;
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

    /** Hands a buffer from {@link #next()} back for reuse. */
    void recycle(Mat buffer) {
        free.offer(buffer);
    }

    /**
     * Stops the reader thread, waits for it (it may be inside a blocking grab, which ends with the next
     * frame) and frees the buffers. Keeps the caller's interrupt status.
     */
    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        buffers.forEach(Mat::close);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
