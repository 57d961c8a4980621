// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.FaceBox;
import org.fer4j.camera.FrameResult;
import org.fer4j.camera.TrackedFace;
import org.fer4j.camera.VideoSource;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.inference.EmotionClassifier;

/**
 * Runs each video of a partition through {@link EmotionCamera} with no display, as {@code fer detect
 * --no-display} runs a file: the same detector settings, tracking and classification. The camera runs on its
 * own thread and hands rows over through a small queue, so a long video streams to the writer instead of
 * being held in memory.
 */
final class VideoScoring implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    /** Ends the queue of one video. */
    private static final Object END = new Object();

    private final Broadcast<ModelSource> model;
    private final HadoopFiles files;
    private final int every;
    private final int labels;

    VideoScoring(Broadcast<ModelSource> model, HadoopFiles files, int every, int labels) {
        this.model = model;
        this.files = files;
        this.every = every;
        this.labels = labels;
    }

    /** What failed a video: becomes its error row. */
    private record Failure(Throwable cause) {}

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
        EmotionClassifier fer = ExecutorModels.get(model.value());
        // FFmpeg prints every stream's details otherwise; errors still show (as in fer detect).
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        List<AutoCloseable> open = new ArrayList<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        TaskContext task = TaskContext.get();
        if (task != null) {
            // A task that ends early (killed, or its writer failed) stops the camera and deletes local copies;
            // the flag first, so a camera thread waiting on the full queue gives up and lets close finish.
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> {
                abandoned.set(true);
                closeAll(open);
            });
        }
        return new Iterator<>() {
            private String path;
            private BlockingQueue<Object> queue;
            private boolean anyRow;
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (queue == null) {
                        if (!input.hasNext()) {
                            return false;
                        }
                        path = input.next().getString(0);
                        anyRow = false;
                        queue = start(fer, path, open, abandoned);
                    }
                    Object item = take(queue);
                    if (item instanceof Row r) {
                        next = r;
                        anyRow = true;
                    } else if (item instanceof Failure f) {
                        next = row(path, null, null, Predictions.message(f.cause()));
                        anyRow = true;
                    } else {
                        queue = null;
                        closeAll(open);
                        if (!anyRow) {
                            // Every video appears in the output, even one without a face.
                            next = row(path, null, null, null);
                        }
                    }
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    /** Starts the camera on one video; the queue gets its rows, perhaps a {@link Failure}, then {@link #END}. */
    private BlockingQueue<Object> start(
            EmotionClassifier fer, String path, List<AutoCloseable> open, AtomicBoolean abandoned) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
        try {
            HadoopFiles.Local local = files.localize(path);
            open.add(local);
            YuNetFaceDetector detector = YuNetFaceDetector.builder()
                    .optMaxInputSide(YuNetFaceDetector.VIDEO_MAX_INPUT_SIDE)
                    .build();
            open.add(detector);
            EmotionCamera camera = EmotionCamera.builder()
                    .setSource(VideoSource.video(local.path()))
                    .setClassifier(fer)
                    .optDetector(detector)
                    .optEveryNthFrame(every)
                    .build();
            // Closed first: it stops the loop before the detector and the file go.
            open.add(0, camera);
            CompletableFuture<Long> frames = camera.start((result, frame) -> {
                if (result.analysed()) {
                    for (TrackedFace face : result.faces()) {
                        put(queue, row(path, result, face, null), abandoned);
                    }
                }
            });
            // The stage whenComplete returns is not needed: put() fails only once nobody reads the rows.
            var unused = frames.whenComplete((n, e) -> {
                if (e != null) {
                    put(
                            queue,
                            new Failure(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e),
                            abandoned);
                }
                put(queue, END, abandoned);
            });
        } catch (Exception e) {
            queue.add(new Failure(e));
            queue.add(END);
        }
        return queue;
    }

    private Row row(String path, FrameResult frame, TrackedFace face, String error) {
        List<Object> values = new ArrayList<>();
        values.add(path);
        values.add(frame == null ? null : frame.frameIndex());
        values.add(frame == null ? null : frame.timestampMs());
        if (face == null) {
            for (int i = 0; i < 6; i++) {
                values.add(null);
            }
            Predictions.putNone(values, labels, error);
        } else {
            FaceBox b = face.box();
            values.add(face.track());
            values.add(b.x());
            values.add(b.y());
            values.add(b.width());
            values.add(b.height());
            values.add(face.fresh());
            Predictions.put(values, face.prediction());
        }
        return RowFactory.create(values.toArray());
    }

    /** Waits for room in the queue, unless nobody will read it any more (the task ended). */
    private static void put(BlockingQueue<Object> queue, Object item, AtomicBoolean abandoned) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (abandoned.get()) {
                    throw new CancellationException("The task reading this video has ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while handing over a video's rows", e);
        }
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            // Spark interrupts a task it kills.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a video", e);
        }
    }

    private static void closeAll(List<AutoCloseable> open) {
        List<AutoCloseable> all = new ArrayList<>(open);
        open.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing after the rows are out: nothing useful to do with a failure here.
            }
        }
    }
}
