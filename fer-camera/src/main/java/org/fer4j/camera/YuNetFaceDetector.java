package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * Finds faces with YuNet (Wu, Peng and Yu, 2023), a small CNN run by OpenCV's {@code FaceDetectorYN}:
 * a box, a score and five landmarks per face, also for faces tilted in the picture. The model
 * ({@code face_detection_yunet_2023mar.onnx}, Apache-2.0, 232 kB) ships inside this jar with its licence
 * and is read from the classpath: no file, network or configuration is needed.
 *
 * <pre>{@code
 * try (YuNetFaceDetector faces = YuNetFaceDetector.create()) {
 *     for (FaceDetection face : faces.detect(mat)) {
 *         System.out.println(face.box() + " " + face.score() + " " + face.landmarks());
 *     }
 * }
 * }</pre>
 *
 * <p>YuNet is made for faces of about 10 to 300 pixels, so frames whose longer side exceeds
 * {@link Builder#optMaxInputSide(int)} (default 640) are scaled down (area averaging) before detection,
 * and boxes and landmarks are mapped back to the frame's pixels. YuNet under-reports how far a face is
 * tilted, so a face tilted by 5 degrees or more is looked at a second time, turned upright by the first
 * estimate, and its landmarks are taken from that look. Thread-safe: calls are serialised,
 * since the network and the working buffers are shared. The caller owns the detector and closes it to
 * free the native network.
 */
public final class YuNetFaceDetector implements FaceDetector {

    /**
     * Longest side of the image the network sees in video: frames are scanned at this size rather than
     * the photo default of 640, which on 640x480 frames costs about half the detection time and found the
     * same faces in the test video of docs/benchmarks.md.
     */
    public static final int VIDEO_MAX_INPUT_SIDE = 480;

    /** The classpath location of the bundled model. */
    public static final String MODEL_RESOURCE = "/org/fer4j/camera/yunet/face_detection_yunet_2023mar.onnx";

    /** Values per face in FaceDetectorYN's output: box (4), five landmarks (10), score. */
    private static final int COLUMNS = 15;
    /** Faces tilted at least this much (first estimate, degrees) get a second look turned upright. */
    private static final double REFINE_MIN_DEGREES = 5;
    /** Side of the second look's crop, in face-box sides, and its smallest and largest size in pixels. */
    private static final double REFINE_CONTEXT = 2.2;
    private static final int REFINE_MIN_SIDE = 96;
    private static final int REFINE_MAX_SIDE = 320;
    /** Farthest a second-look face may lie from the crop's centre, in crop sides. */
    private static final double REFINE_MAX_OFFSET = 0.25;

    private final FaceDetectorYN net;
    private final int maxInputSide;
    private final int refinePasses;
    private final Mat bgr = new Mat();
    private final Mat small = new Mat();
    private final Mat found = new Mat();
    private final Mat upright = new Mat();
    private int inputWidth;
    private int inputHeight;
    private boolean closed;

    private YuNetFaceDetector(FaceDetectorYN net, int maxInputSide, int refinePasses) {
        this.net = net;
        this.maxInputSide = maxInputSide;
        this.refinePasses = refinePasses;
    }

    /**
     * Returns a detector with the default options.
     *
     * @return the detector; the caller closes it
     * @throws IOException if the bundled model cannot be read or OpenCV cannot load it
     */
    public static YuNetFaceDetector create() throws IOException {
        return builder().build();
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the faces found, left to right, each with its score and landmarks.
     *
     * @param image an 8-bit grey, BGR or BGRA frame
     * @return the faces, possibly empty
     * @throws IllegalArgumentException if the image is empty or has another layout
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    public synchronized List<FaceDetection> detect(Mat image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("This YuNetFaceDetector is closed");
        }
        if (image.empty()) {
            throw new IllegalArgumentException("Empty image");
        }
        Mat colour = toBgr(image);
        int longest = Math.max(colour.cols(), colour.rows());
        double scale = longest > maxInputSide ? (double) maxInputSide / longest : 1.0;
        Mat input = colour;
        if (scale < 1) {
            try (Size size = new Size(Math.max(1, (int) Math.round(colour.cols() * scale)),
                    Math.max(1, (int) Math.round(colour.rows() * scale)))) {
                resize(colour, small, size, 0, 0, INTER_AREA);
            }
            input = small;
        }
        setInputSize(input.cols(), input.rows());
        net.detect(input, found);
        List<FaceDetection> faces = faces(found, input.cols() / (double) image.cols(),
                input.rows() / (double) image.rows(), image.cols(), image.rows());
        if (faces.stream().noneMatch(YuNetFaceDetector::tilted)) {
            return faces;
        }
        List<FaceDetection> refined = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) {
            FaceDetection r = f;
            for (int pass = 0; pass < refinePasses && tilted(r); pass++) {
                r = refine(colour, r);
            }
            refined.add(r);
        }
        return Collections.unmodifiableList(refined);
    }

    private void setInputSize(int width, int height) {
        if (width != inputWidth || height != inputHeight) {
            try (Size size = new Size(width, height)) {
                net.setInputSize(size);
            }
            inputWidth = width;
            inputHeight = height;
        }
    }

    private static boolean tilted(FaceDetection f) {
        return Math.abs(f.landmarks().orElseThrow().rollDegrees()) >= REFINE_MIN_DEGREES;
    }

    /**
     * Measures the landmarks of a tilted face again on a copy of its surroundings turned upright by the
     * first estimate. YuNet learnt mostly upright faces and reports only 60-90% of a tilt (a face turned by
     * 30 degrees reads as 18-27), so the second look, at a face now tilted by a few degrees, brings the eye
     * line to within a few degrees of the truth. Keeps the first landmarks if the second look finds no face.
     */
    private FaceDetection refine(Mat frame, FaceDetection f) {
        FaceLandmarks first = f.landmarks().orElseThrow();
        double angle = Math.toRadians(first.rollDegrees());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = f.box().x() + f.box().width() / 2.0;
        double cy = f.box().y() + f.box().height() / 2.0;
        double side = REFINE_CONTEXT * Math.max(f.box().width(), f.box().height());
        int n = (int) Math.max(REFINE_MIN_SIDE, Math.min(REFINE_MAX_SIDE, Math.round(side)));
        double k = n / side;
        double c0 = (n - 1) / 2.0;
        // Crop pixel o = k * R(-angle) * (f - centre) + c0 for frame point f.
        try (Mat m = new Mat(2, 3, CV_64F); Size size = new Size(n, n); Scalar border = new Scalar(0)) {
            try (DoubleIndexer mi = m.createIndexer()) {
                mi.put(0, 0, k * cos);
                mi.put(0, 1, k * sin);
                mi.put(0, 2, c0 - k * (cos * cx + sin * cy));
                mi.put(1, 0, -k * sin);
                mi.put(1, 1, k * cos);
                mi.put(1, 2, c0 - k * (-sin * cx + cos * cy));
            }
            warpAffine(frame, upright, m, size, INTER_LINEAR, BORDER_REPLICATE, border);
        }
        setInputSize(n, n);
        net.detect(upright, found);
        FaceDetection best = null;
        double bestDistance = REFINE_MAX_OFFSET * n;
        for (FaceDetection d : faces(found, 1, 1, n, n)) {
            double dx = d.box().x() + d.box().width() / 2.0 - c0;
            double dy = d.box().y() + d.box().height() / 2.0 - c0;
            if (Math.hypot(dx, dy) < bestDistance) {
                bestDistance = Math.hypot(dx, dy);
                best = d;
            }
        }
        if (best == null) {
            return f;
        }
        // Back to the frame: f = centre + R(angle) * (o - c0) / k.
        FaceLandmarks.Point[] p = best.landmarks().orElseThrow().points();
        FaceLandmarks.Point[] q = new FaceLandmarks.Point[p.length];
        for (int i = 0; i < p.length; i++) {
            double ox = (p[i].x() - c0) / k;
            double oy = (p[i].y() - c0) / k;
            q[i] = new FaceLandmarks.Point(cx + cos * ox - sin * oy, cy + sin * ox + cos * oy);
        }
        return new FaceDetection(f.box(), f.score(), Optional.of(new FaceLandmarks(q[0], q[1], q[2], q[3], q[4])));
    }

    /** Reads FaceDetectorYN's rows (x, y, w, h, 5 x (x, y), score) and maps them to frame pixels. */
    private static List<FaceDetection> faces(Mat rows, double sx, double sy, int frameWidth, int frameHeight) {
        if (rows.empty() || rows.rows() == 0) {
            return List.of();
        }
        if (rows.cols() < COLUMNS) {
            throw new IllegalStateException("FaceDetectorYN returned " + rows.cols() + " values per face, expected "
                    + COLUMNS);
        }
        List<FaceDetection> faces = new ArrayList<>(rows.rows());
        try (FloatIndexer v = rows.createIndexer()) {
            for (int i = 0; i < rows.rows(); i++) {
                double x = v.get(i, 0) / sx;
                double y = v.get(i, 1) / sy;
                double w = v.get(i, 2) / sx;
                double h = v.get(i, 3) / sy;
                // YuNet's boxes may reach past the frame for faces at its edge; keep the part inside.
                int left = (int) Math.max(0, Math.floor(x));
                int top = (int) Math.max(0, Math.floor(y));
                int right = (int) Math.min(frameWidth, Math.ceil(x + w));
                int bottom = (int) Math.min(frameHeight, Math.ceil(y + h));
                if (right - left < 1 || bottom - top < 1) {
                    continue;
                }
                FaceLandmarks.Point[] p = new FaceLandmarks.Point[5];
                for (int k = 0; k < 5; k++) {
                    p[k] = new FaceLandmarks.Point(v.get(i, 4 + 2 * k) / sx, v.get(i, 5 + 2 * k) / sy);
                }
                double score = Math.min(1, Math.max(0, v.get(i, 14)));
                faces.add(new FaceDetection(new FaceBox(left, top, right - left, bottom - top), score,
                        Optional.of(new FaceLandmarks(p[0], p[1], p[2], p[3], p[4]))));
            }
        }
        // Left to right, as the Haar detector lists them, so results come in a stable, readable order.
        faces.sort(Comparator.comparingInt((FaceDetection f) -> f.box().x()).thenComparingInt(f -> f.box().y()));
        return Collections.unmodifiableList(faces);
    }

    private Mat toBgr(Mat image) {
        return Mats.withChannels(image, 3, bgr);
    }

    /** Frees the native network and buffers; later calls to {@link #detect} throw. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            net.close();
            bgr.close();
            small.close();
            found.close();
            upright.close();
        }
    }

    /** Builds a {@link YuNetFaceDetector}. */
    public static final class Builder {
        private float scoreThreshold = 0.6f;
        private float nmsThreshold = 0.3f;
        private int maxInputSide = 640;
        private int refinePasses = 1;

        private Builder() {
        }

        /**
         * Sets the least score a face needs to be kept, in (0, 1) (default 0.6; higher drops more false
         * faces and more real ones).
         *
         * @param threshold the least score
         * @return this builder
         */
        public Builder optScoreThreshold(double threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("scoreThreshold must be in (0, 1), got " + threshold);
            }
            this.scoreThreshold = (float) threshold;
            return this;
        }

        /**
         * Sets the overlap (intersection over union) above which the weaker of two boxes is dropped as the
         * same face, in (0, 1) (default 0.3).
         *
         * @param threshold the overlap threshold
         * @return this builder
         */
        public Builder optNmsThreshold(double threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("nmsThreshold must be in (0, 1), got " + threshold);
            }
            this.nmsThreshold = (float) threshold;
            return this;
        }

        /**
         * Sets the longest side, in pixels, of the image the network sees (default 640): larger frames are
         * scaled down first. YuNet finds faces of about 10 to 300 pixels at that scale, so a larger value
         * finds smaller faces and costs more.
         *
         * @param pixels the longest side, at least 64
         * @return this builder
         */
        public Builder optMaxInputSide(int pixels) {
            if (pixels < 64) {
                throw new IllegalArgumentException("maxInputSide must be >= 64, got " + pixels);
            }
            this.maxInputSide = pixels;
            return this;
        }

        /** Sets how many second looks a tilted face gets (measurements only). */
        Builder refinePasses(int passes) {
            this.refinePasses = passes;
            return this;
        }

        /**
         * Loads the bundled model and returns the detector.
         *
         * @return the detector; the caller closes it
         * @throws IOException if the model is not on the classpath or OpenCV cannot load it
         */
        public YuNetFaceDetector build() throws IOException {
            byte[] model;
            try (InputStream in = YuNetFaceDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IOException("The YuNet model " + MODEL_RESOURCE + " is not on the classpath");
                }
                model = in.readAllBytes();
            }
            FaceDetectorYN net;
            // The model is handed over as bytes (the "onnx" framework overload), so nothing is extracted to
            // disk. The input size is a placeholder: detect() sets it to each frame's size.
            try (Size size = new Size(320, 320)) {
                net = FaceDetectorYN.create("onnx", model, new byte[0], size, scoreThreshold, nmsThreshold,
                        5000, 0, 0);
            } catch (RuntimeException e) {
                throw new IOException("Cannot load the YuNet model " + MODEL_RESOURCE + ": " + e.getMessage(), e);
            }
            if (net == null || net.isNull()) {
                throw new IOException("Cannot load the YuNet model " + MODEL_RESOURCE + ": OpenCV returned no detector");
            }
            return new YuNetFaceDetector(net, maxInputSide, refinePasses);
        }
    }
}
