// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.transpose;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.FaceBox;
import org.fer4j.core.GreyImage;
import org.fer4j.core.internal.ImageDecoding;

/** Conversions between OpenCV Mats, Java images and model inputs, and decoding with OpenCV. */
public final class Mats {

    private Mats() {}

    /**
     * Decodes an encoded image to a new 8-bit BGR Mat, upright; the caller closes it. The checks are
     * fer-core's {@link ImageDecoding}, as for every other path: the header is read first (format one of
     * {@link ImageDecoding#FORMATS}, pixel limit, EXIF orientation), then OpenCV decodes the pixels, or
     * ImageIO where OpenCV cannot (GIF, which this OpenCV build does not read, and files OpenCV gives up on).
     *
     * @throws IllegalArgumentException if the bytes are empty, not an accepted image, or over the pixel limit
     */
    public static Mat decode(byte[] encoded) {
        ImageDecoding.Header header = ImageDecoding.probe(encoded);
        Mat image = null;
        try (BytePointer bytes = new BytePointer(encoded);
                Mat buffer = new Mat(1, encoded.length, CV_8UC1, bytes)) {
            // The orientation is applied below from fer-core's reading, the same for all formats and paths.
            image = imdecode(buffer, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) {
            // OpenCV's own text is no help to the user: ImageIO below says what is wrong, or decodes it.
            image = null;
        }
        if (image == null || image.empty() || image.cols() != header.width() || image.rows() != header.height()) {
            if (image != null) {
                image.close();
            }
            return fromImage(ImageDecoding.decode(encoded));
        }
        return orient(image, header.orientation());
    }

    /** Turns a Mat as an EXIF orientation (1 to 8) says, in place or into a new Mat that replaces it (closed). */
    public static Mat orient(Mat image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> flip(image, out, 1);
            case 3 -> rotate(image, out, ROTATE_180);
            case 4 -> flip(image, out, 0);
            case 5 -> transpose(image, out);
            case 6 -> rotate(image, out, ROTATE_90_CLOCKWISE);
            case 7 -> {
                transpose(image, out);
                flip(out, out, -1);
            }
            case 8 -> rotate(image, out, ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + orientation);
        }
        image.close();
        return out;
    }

    /** Checks that {@code m} is an 8-bit image with 1, 3 or 4 channels, the layouts fer-camera reads. */
    public static void checkImage(Mat m) {
        if (m.empty() || m.depth() != CV_8U || (m.channels() != 1 && m.channels() != 3 && m.channels() != 4)) {
            throw new IllegalArgumentException("Expected an 8-bit grey, BGR or BGRA frame, got depth " + m.depth()
                    + " with " + m.channels() + " channels" + (m.empty() ? " (empty)" : ""));
        }
    }

    /**
     * Returns an 8-bit grey, BGR or BGRA {@code image} with {@code channels} channels (1 for grey, 3 for
     * BGR): the image itself when it has them, else {@code buffer} holding the converted image.
     *
     * @throws IllegalArgumentException if the image has another number of channels
     */
    public static Mat withChannels(Mat image, int channels, Mat buffer) {
        int have = image.channels();
        if (have == channels) {
            return image;
        }
        int code;
        if (channels == 1 && have == 3) {
            code = COLOR_BGR2GRAY;
        } else if (channels == 1 && have == 4) {
            code = COLOR_BGRA2GRAY;
        } else if (channels == 3 && have == 1) {
            code = COLOR_GRAY2BGR;
        } else if (channels == 3 && have == 4) {
            code = COLOR_BGRA2BGR;
        } else {
            throw new IllegalArgumentException("Expected a grey, BGR or BGRA image, got " + have + " channels");
        }
        cvtColor(image, buffer, code);
        return buffer;
    }

    /**
     * Returns a new 8-bit BGR Mat holding a copy of {@code image}; the caller closes it. Grey images are
     * copied from their raster as stored (as {@link Preprocessing} reads them), because Java2D would
     * treat them as linear grey and brighten them on the way to RGB.
     */
    public static Mat fromImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] bgr = new byte[w * h * 3];
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            int[] row = new int[w];
            int shift = type == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
            for (int y = 0; y < h; y++) {
                image.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (row[x] >> shift);
                    int i = 3 * (y * w + x);
                    bgr[i] = v;
                    bgr[i + 1] = v;
                    bgr[i + 2] = v;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    int i = 3 * (y * w + x);
                    bgr[i] = (byte) p;
                    bgr[i + 1] = (byte) (p >> 8);
                    bgr[i + 2] = (byte) (p >> 16);
                }
            }
        }
        Mat m = new Mat(h, w, CV_8UC3);
        m.data().put(bgr, 0, bgr.length);
        return m;
    }

    /** Returns a new BufferedImage holding a copy of an 8-bit grey, BGR or BGRA Mat. */
    public static BufferedImage toImage(Mat m) {
        checkImage(m);
        if (m.channels() == 4) {
            try (Mat bgr = new Mat()) {
                cvtColor(m, bgr, COLOR_BGRA2BGR);
                return toImage(bgr);
            }
        }
        int w = m.cols();
        int h = m.rows();
        int c = m.channels();
        int type = c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage image = new BufferedImage(w, h, type);
        // TYPE_3BYTE_BGR keeps bytes in OpenCV's B, G, R order, so rows copy as they are.
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        copyRows(m, 0, 0, w, h, dst);
        return image;
    }

    /**
     * Returns the {@code box} region of an 8-bit grey, BGR or BGRA frame as a grey image, converted by
     * {@link GreyImage} from the original pixels, so a face cut from a frame is preprocessed exactly like
     * the same face saved as an image and passed to {@code EmotionClassifier.predict}.
     */
    public static GreyImage grey(Mat frame, FaceBox box) {
        int c = frame.channels();
        byte[] px = new byte[box.width() * box.height() * c];
        copyRows(frame, box.x(), box.y(), box.width(), box.height(), px);
        return GreyImage.fromPixels(px, box.width(), box.height(), c);
    }

    /** Copies a w x h region at (x, y) of an 8-bit Mat, row by row, into {@code dst} (packed rows). */
    private static void copyRows(Mat m, int x, int y, int w, int h, byte[] dst) {
        int c = m.channels();
        int rowBytes = w * c;
        BytePointer data = m.data();
        long step = m.step();
        long start = (long) y * step + (long) x * c;
        for (int row = 0; row < h; row++) {
            data.position(start + row * step).get(dst, row * rowBytes, rowBytes);
        }
        data.position(0);
    }
}
