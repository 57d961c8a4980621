// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;

/** Frames from a JavaCV {@link FrameGrabber}: cameras, video files and streams. */
final class GrabberInput implements FrameInput {

    private final FrameGrabber grabber;
    private final String name;
    private final String sourceName;
    private final boolean live;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private long frames;
    private long firstNanos = -1;
    private long timestampMs;

    private GrabberInput(FrameGrabber grabber, String name, String sourceName, boolean live) {
        this.grabber = grabber;
        this.name = name;
        this.sourceName = sourceName;
        this.live = live;
    }

    static GrabberInput openCamera(int index) throws IOException {
        boolean linux =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        Path device = Path.of("/dev/video" + index);
        String what = "camera " + index + (linux ? " (" + device + ")" : "");
        // On Linux a missing device is known without touching OpenCV, which would only log a warning
        // and report a generic failure.
        if (linux && !Files.exists(device)) {
            throw new IOException("Cannot open " + what + ": no such device");
        }
        return open(new OpenCVFrameGrabber(index), "Cannot open", what, "camera " + index, true);
    }

    static GrabberInput openVideo(Path file) throws IOException {
        String what = "video " + file;
        if (!Files.isRegularFile(file)) {
            String why = Files.exists(file) ? "not a regular file" : "no such file";
            throw new IOException("Cannot read " + what + ": " + why);
        }
        if (!Files.isReadable(file)) {
            throw new IOException("Cannot read " + what + ": permission denied");
        }
        return open(
                new FFmpegFrameGrabber(file.toFile()),
                "Cannot read",
                what,
                file.getFileName().toString(),
                false);
    }

    static GrabberInput openStream(String url) throws IOException {
        return open(new FFmpegFrameGrabber(url), "Cannot open", "stream " + url, url, false);
    }

    /**
     * Starts {@code grabber}; on failure releases it and throws an IOException reading
     * "{@code verb what}: reason", for example "Cannot read video a.mp4: no video stream". Its frames come
     * from {@code sourceName}.
     */
    static GrabberInput open(FrameGrabber grabber, String verb, String what, String sourceName, boolean live)
            throws IOException {
        String failure = verb + " " + what;
        try {
            grabber.start();
        } catch (Exception e) {
            closeQuietly(grabber);
            throw new IOException(failure + ": " + reason(e), e);
        }
        // A file FFmpeg can open may still hold no picture (an audio file, say).
        if (grabber instanceof FFmpegFrameGrabber ffmpeg && !ffmpeg.hasVideo()) {
            closeQuietly(grabber);
            throw new IOException(failure + ": no video stream");
        }
        return new GrabberInput(grabber, what, sourceName, live);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    @Override
    public Mat next() throws IOException {
        Frame frame;
        try {
            if (grabber instanceof FFmpegFrameGrabber ffmpeg) {
                frame = ffmpeg.grabImage();
            } else {
                do {
                    frame = grabber.grab();
                } while (frame != null && frame.image == null);
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Failed reading " + name + " at frame " + frames + ": " + reason(e), e);
        }
        if (frame == null) {
            return null;
        }
        if (live) {
            long now = System.nanoTime();
            if (firstNanos < 0) {
                firstNanos = now;
            }
            timestampMs = (now - firstNanos) / 1_000_000;
        } else {
            timestampMs = Math.max(0, frame.timestamp / 1000);
        }
        frames++;
        return converter.convert(frame);
    }

    @Override
    public long timestampMs() {
        return timestampMs;
    }

    @Override
    public String sourceName() {
        return sourceName;
    }

    @Override
    public double frameRate() {
        double rate = grabber.getFrameRate();
        return Double.isFinite(rate) && rate > 0 && rate < 1000 ? rate : 0;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        converter.close();
    }

    private static void closeQuietly(FrameGrabber grabber) {
        // stop() and release() are both needed: stop ends the capture, release frees native contexts.
        try {
            grabber.stop();
        } catch (Exception | LinkageError ignored) {
            // Closing after a failure: the original error is what matters.
        }
        try {
            grabber.release();
        } catch (Exception | LinkageError ignored) {
            // As above.
        }
    }
}
