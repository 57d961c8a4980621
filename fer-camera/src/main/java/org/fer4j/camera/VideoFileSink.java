// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Records annotated frames into a video file; see {@link FrameSink#annotatedVideo(Path)}. */
final class VideoFileSink implements SourceAwareSink {

    /** Containers that take MPEG-4 part 2, an encoder every FFmpeg build has (H.264 needs a GPL build). */
    private static final Set<String> MPEG4_CONTAINERS = Set.of("mp4", "m4v", "mov", "mkv", "avi");

    private final Path file;
    private OutputFile output;
    private volatile Path completed;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final Mat resized = new Mat();
    private double frameRate = 25;
    private FFmpegFrameRecorder recorder;
    private int lastFrameNumber = -1;

    VideoFileSink(Path file) {
        this.file = file;
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        if (source.frameRate() > 0) {
            frameRate = source.frameRate();
        }
        output = OutputFile.create(file, true);
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) throws IOException {
        Mat image = frame.annotatedMat();
        if (recorder == null) {
            recorder = start(image.cols(), image.rows());
        }
        if (image.cols() != recorder.getImageWidth() || image.rows() != recorder.getImageHeight()) {
            // Image folders mix sizes; a video has one, so later frames are scaled to the first one's.
            try (Size size = new Size(recorder.getImageWidth(), recorder.getImageHeight())) {
                resize(image, resized, size, 0, 0, INTER_AREA);
            }
            image = resized;
        }
        // Place the frame at its own time, so a camera that delivers fewer frames than its nominal rate
        // still gives a video that plays at real speed; never reuse or go back (FFmpeg rejects it).
        int n = (int) Math.round(result.timestampMs() * frameRate / 1000.0);
        n = Math.max(n, lastFrameNumber + 1);
        recorder.setFrameNumber(n);
        lastFrameNumber = n;
        try {
            recorder.record(converter.convert(image), AV_PIX_FMT_BGR24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(
                    "Cannot write video " + file + " at frame " + result.frameIndex() + ": " + e.getMessage(), e);
        }
    }

    private FFmpegFrameRecorder start(int width, int height) throws IOException {
        // Most encoders need even sizes; an odd frame loses its last row or column.
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(output.temp().toFile(), width & ~1, height & ~1, 0);
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (MPEG4_CONTAINERS.contains(ext)) {
            r.setVideoCodec(AV_CODEC_ID_MPEG4);
            r.setVideoQuality(3);
        }
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setFrameRate(frameRate);
        try {
            r.start();
        } catch (FrameRecorder.Exception e) {
            try {
                r.release();
            } catch (FrameRecorder.Exception ignored) {
                // The start failure is the error to report.
            }
            throw new IOException("Cannot write video " + file + ": " + e.getMessage(), e);
        }
        return r;
    }

    @Override
    public List<Path> completedFiles() {
        Path done = completed;
        return done == null ? List.of() : List.of(done);
    }

    @Override
    public void close() throws IOException {
        if (output == null) {
            release();
            return;
        }
        OutputFile finishing = output;
        output = null;
        try {
            if (recorder != null) {
                // stop() writes the trailer (the mp4 index); without it the file does not play.
                recorder.stop();
                recorder.release();
                recorder = null;
                completed = finishing.commit();
            }
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot finish video " + file + ": " + e.getMessage(), e);
        } finally {
            release();
            // After a commit there is nothing left to delete; without a frame, or after a failure, no file.
            finishing.discard();
        }
    }

    @Override
    public void abort() {
        release();
        if (output != null) {
            output.discard();
            output = null;
        }
    }

    /** Frees the recorder without writing its trailer (the file is being discarded), and the buffers. */
    private void release() {
        try {
            if (recorder != null) {
                recorder.release();
            }
        } catch (FrameRecorder.Exception ignored) {
            // Nothing of this file is kept, so there is nothing left to report.
        } finally {
            recorder = null;
            converter.close();
            resized.close();
        }
    }
}
