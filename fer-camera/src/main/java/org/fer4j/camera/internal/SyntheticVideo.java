// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.BORDER_TRANSPARENT;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Writes videos of face images pasted on a plain or given background, for demos, benchmarks and tests. */
public final class SyntheticVideo {

    /**
     * A face image drawn at (x, y), scaled to a square of {@code size} pixels and turned by {@code degrees}
     * about the square's centre.
     *
     * @param face the face image
     * @param x left edge in the frame (of the square before it is turned)
     * @param y top edge in the frame (of the square before it is turned)
     * @param size side of the drawn square
     * @param degrees rotation, counter-clockwise as seen; 0 draws the face upright
     */
    public record Placement(BufferedImage face, int x, int y, int size, double degrees) {

        /**
         * An upright face.
         *
         * @param face the face image
         * @param x left edge in the frame
         * @param y top edge in the frame
         * @param size side of the drawn square
         */
        public Placement(BufferedImage face, int x, int y, int size) {
            this(face, x, y, size, 0);
        }
    }

    private SyntheticVideo() {}

    /**
     * Writes {@code frames} frames of {@code width} x {@code height} at {@code fps} into an MPEG-4 file,
     * frame i showing the faces {@code layout.apply(i)} on a light grey background.
     *
     * @param file the video file to write
     * @param width the frame width in pixels
     * @param height the frame height in pixels
     * @param fps the frame rate
     * @param frames the number of frames
     * @param layout the faces to draw in each frame, by frame index
     * @throws IOException if the video cannot be written
     */
    public static void write(
            Path file, int width, int height, double fps, int frames, IntFunction<List<Placement>> layout)
            throws IOException {
        write(file, width, height, fps, frames, i -> null, layout);
    }

    /**
     * Writes a video as {@link #write(Path, int, int, double, int, IntFunction)} does, each frame drawn over
     * {@code background.apply(i)} (scaled to the frame when its size differs; null gives the light grey).
     *
     * @param file the video file to write
     * @param width the frame width in pixels
     * @param height the frame height in pixels
     * @param fps the frame rate
     * @param frames the number of frames
     * @param background the picture behind frame i, or null for light grey
     * @param layout the faces to draw in each frame, by frame index
     * @throws IOException if the video cannot be written
     */
    public static void write(
            Path file,
            int width,
            int height,
            double fps,
            int frames,
            IntFunction<BufferedImage> background,
            IntFunction<List<Placement>> layout)
            throws IOException {
        IdentityHashMap<BufferedImage, Mat> faces = new IdentityHashMap<>();
        IdentityHashMap<BufferedImage, Mat> backgrounds = new IdentityHashMap<>();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
                Scalar grey = new Scalar(200, 200, 200, 0);
                Mat canvas = new Mat();
                Mat scaled = new Mat()) {
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setVideoQuality(1);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                BufferedImage behind = background.apply(i);
                if (behind == null) {
                    canvas.create(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
                    canvas.put(grey);
                } else {
                    try (Size size = new Size(width, height)) {
                        resize(backgrounds.computeIfAbsent(behind, Mats::fromImage), canvas, size, 0, 0, INTER_LINEAR);
                    }
                }
                for (Placement p : layout.apply(i)) {
                    draw(canvas, p, faces.computeIfAbsent(p.face(), Mats::fromImage), scaled);
                }
                recorder.record(converter.convert(canvas), AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot write video " + file + ": " + e.getMessage(), e);
        } finally {
            faces.values().forEach(Mat::close);
            backgrounds.values().forEach(Mat::close);
        }
    }

    /**
     * Draws {@code face} (8-bit BGR) onto {@code canvas} as {@code p} says, scaled with bicubic
     * interpolation; {@code scaled} is a working buffer. A turned face covers only its own pixels: the
     * corners it leaves keep the background. Parts outside the canvas are cut off.
     */
    public static void draw(Mat canvas, Placement p, Mat face, Mat scaled) {
        try (Size size = new Size(p.size(), p.size())) {
            resize(face, scaled, size, 0, 0, INTER_CUBIC);
        }
        if (p.degrees() == 0) {
            int x = Math.max(0, p.x());
            int y = Math.max(0, p.y());
            int w = Math.min(canvas.cols(), p.x() + p.size()) - x;
            int h = Math.min(canvas.rows(), p.y() + p.size()) - y;
            if (w > 0 && h > 0) {
                try (Rect from = new Rect(x - p.x(), y - p.y(), w, h);
                        Rect to = new Rect(x, y, w, h);
                        Mat src = scaled.apply(from);
                        Mat roi = canvas.apply(to)) {
                    src.copyTo(roi);
                }
            }
            return;
        }
        double half = p.size() / 2.0;
        double cx = p.x() + half;
        double cy = p.y() + half;
        double r = Math.toRadians(p.degrees());
        double extent = half * (Math.abs(Math.cos(r)) + Math.abs(Math.sin(r)));
        int left = (int) Math.max(0, Math.floor(cx - extent));
        int top = (int) Math.max(0, Math.floor(cy - extent));
        int right = (int) Math.min(canvas.cols(), Math.ceil(cx + extent));
        int bottom = (int) Math.min(canvas.rows(), Math.ceil(cy + extent));
        if (right <= left || bottom <= top) {
            return;
        }
        try (Point2f centre = new Point2f((float) half, (float) half);
                Mat m = getRotationMatrix2D(centre, p.degrees(), 1.0);
                Rect where = new Rect(left, top, right - left, bottom - top);
                Mat roi = canvas.apply(where);
                Size size = new Size(right - left, bottom - top);
                Scalar border = new Scalar(0)) {
            // Rotate about the face's centre, then move that centre to (cx, cy) in the region's coordinates.
            try (DoubleIndexer mi = m.createIndexer()) {
                mi.put(0, 2, mi.get(0, 2) + cx - half - left);
                mi.put(1, 2, mi.get(1, 2) + cy - half - top);
            }
            // BORDER_TRANSPARENT writes only the pixels the turned face covers, straight into the canvas.
            warpAffine(scaled, roi, m, size, INTER_LINEAR, BORDER_TRANSPARENT, border);
        }
    }
}
