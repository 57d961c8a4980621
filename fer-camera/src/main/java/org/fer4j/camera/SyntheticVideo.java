package org.fer4j.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Writes videos of face images pasted on a plain background, for demos, benchmarks and tests. */
public final class SyntheticVideo {

    /**
     * A face image drawn at (x, y), scaled to a square of {@code size} pixels.
     *
     * @param face the face image
     * @param x left edge in the frame
     * @param y top edge in the frame
     * @param size side of the drawn square
     */
    public record Placement(BufferedImage face, int x, int y, int size) {
    }

    private SyntheticVideo() {
    }

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
    public static void write(Path file, int width, int height, double fps, int frames,
            IntFunction<List<Placement>> layout) throws IOException {
        Map<BufferedImage, Mat> faces = new IdentityHashMap<>();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
                Scalar background = new Scalar(200, 200, 200, 0);
                Mat canvas = new Mat();
                Mat scaled = new Mat()) {
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setVideoQuality(1);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                canvas.create(height, width, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
                canvas.put(background);
                for (Placement p : layout.apply(i)) {
                    Mat face = faces.computeIfAbsent(p.face(), Mats::fromImage);
                    try (Size size = new Size(p.size(), p.size());
                            Rect where = new Rect(p.x(), p.y(), p.size(), p.size());
                            Mat roi = canvas.apply(where)) {
                        resize(face, scaled, size, 0, 0, INTER_CUBIC);
                        scaled.copyTo(roi);
                    }
                }
                recorder.record(converter.convert(canvas), AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("Cannot write video " + file + ": " + e.getMessage(), e);
        } finally {
            faces.values().forEach(Mat::close);
        }
    }
}
