package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds frontal faces with OpenCV's Haar cascade ({@code haarcascade_frontalface_default.xml}, read
 * from the bytedeco OpenCV jar unless another cascade file is given).
 *
 * <pre>{@code
 * try (HaarFaceDetector faces = HaarFaceDetector.builder().optMinFaceSize(60).build()) {
 *     List<FaceBox> boxes = faces.detect(mat);
 * }
 * }</pre>
 *
 * <p>To save time, frames wider than the detection width are scaled down (grey, area averaging) before
 * the cascade runs, and the boxes are mapped back to the frame's coordinates. Thread-safe: calls are
 * serialised, since the cascade and the working buffers are shared. The caller owns the detector and
 * closes it to free the native cascade.
 */
public final class HaarFaceDetector implements FaceDetector {

    /** The cascade used unless {@link Builder#optCascade(Path)} names another. */
    public static final String DEFAULT_CASCADE = "haarcascade_frontalface_default.xml";

    private final CascadeClassifier cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minFaceSize;
    private final int detectionWidth;
    private final Mat grey = new Mat();
    private final Mat small = new Mat();
    private final Mat equalised = new Mat();
    private final RectVector found = new RectVector();
    private boolean closed;

    private HaarFaceDetector(CascadeClassifier cascade, Builder b) {
        this.cascade = cascade;
        this.scaleFactor = b.scaleFactor;
        this.minNeighbors = b.minNeighbors;
        this.minFaceSize = b.minFaceSize;
        this.detectionWidth = b.detectionWidth;
    }

    /**
     * Returns a detector with the default options.
     *
     * @throws IOException if the bundled cascade cannot be found or loaded
     */
    public static HaarFaceDetector create() throws IOException {
        return builder().build();
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized List<FaceBox> detect(Mat image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("This HaarFaceDetector is closed");
        }
        if (image.empty()) {
            throw new IllegalArgumentException("Empty image");
        }
        Mat g = toGrey(image);
        double scale = detectionWidth > 0 && g.cols() > detectionWidth ? (double) detectionWidth / g.cols() : 1;
        Mat target = g;
        if (scale < 1) {
            try (Size size = new Size(detectionWidth, Math.max(1, (int) Math.round(g.rows() * scale)))) {
                resize(g, small, size, 0, 0, INTER_AREA);
            }
            target = small;
        }
        // Histogram equalisation, as in OpenCV's own face detection sample: the cascade is trained on
        // contrast-normalised windows and misses faces in dim or washed-out frames without it.
        equalizeHist(target, equalised);
        int min = Math.max(1, (int) Math.round(minFaceSize * scale));
        try (Size minSize = new Size(min, min); Size maxSize = new Size()) {
            cascade.detectMultiScale(equalised, found, scaleFactor, minNeighbors, 0, minSize, maxSize);
        }
        int n = (int) found.size();
        if (n == 0) {
            return List.of();
        }
        List<FaceBox> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try (Rect r = found.get(i)) {
                int x = (int) Math.round(r.x() / scale);
                int y = (int) Math.round(r.y() / scale);
                int w = Math.min(image.cols() - x, (int) Math.round(r.width() / scale));
                int h = Math.min(image.rows() - y, (int) Math.round(r.height() / scale));
                if (w > 0 && h > 0) {
                    boxes.add(new FaceBox(x, y, w, h));
                }
            }
        }
        // Left to right, so results and JSON lines come in a stable, readable order.
        boxes.sort(Comparator.comparingInt(FaceBox::x).thenComparingInt(FaceBox::y));
        return Collections.unmodifiableList(boxes);
    }

    private Mat toGrey(Mat image) {
        switch (image.channels()) {
            case 1:
                return image;
            case 3:
                cvtColor(image, grey, COLOR_BGR2GRAY);
                return grey;
            case 4:
                cvtColor(image, grey, COLOR_BGRA2GRAY);
                return grey;
            default:
                throw new IllegalArgumentException("Expected a grey, BGR or BGRA image, got "
                        + image.channels() + " channels");
        }
    }

    /** Frees the native cascade and buffers; later calls to {@link #detect} throw. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cascade.close();
            grey.close();
            small.close();
            equalised.close();
            found.close();
        }
    }

    /** Builds a {@link HaarFaceDetector}. */
    public static final class Builder {
        private double scaleFactor = 1.1;
        private int minNeighbors = 5;
        private int minFaceSize = 48;
        private int detectionWidth = 320;
        private Path cascadeFile;

        private Builder() {
        }

        /** Sets how much the search window grows between scales, above 1 (default 1.1; larger is faster but misses more). */
        public Builder optScaleFactor(double factor) {
            if (!(factor > 1.0)) {
                throw new IllegalArgumentException("scaleFactor must be > 1, got " + factor);
            }
            this.scaleFactor = factor;
            return this;
        }

        /** Sets how many overlapping hits a face needs to be kept (default 5; lower finds more and more false faces). */
        public Builder optMinNeighbors(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minNeighbors must be >= 0, got " + n);
            }
            this.minNeighbors = n;
            return this;
        }

        /** Sets the smallest face side to look for, in pixels of the input frame (default 48, the model's input size). */
        public Builder optMinFaceSize(int pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("minFaceSize must be >= 1, got " + pixels);
            }
            this.minFaceSize = pixels;
            return this;
        }

        /**
         * Sets the width frames are scaled down to before detection (default 320; 0 detects at full size).
         * Faces smaller than about 24 pixels at that width are not found.
         */
        public Builder optDetectionWidth(int pixels) {
            if (pixels < 0 || (pixels > 0 && pixels < 24)) {
                throw new IllegalArgumentException("detectionWidth must be 0 or >= 24, got " + pixels);
            }
            this.detectionWidth = pixels;
            return this;
        }

        /** Uses another OpenCV cascade file instead of the bundled {@value HaarFaceDetector#DEFAULT_CASCADE}. */
        public Builder optCascade(Path file) {
            this.cascadeFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Loads the cascade and returns the detector.
         *
         * @throws IOException if the cascade file is missing or not a cascade; the message names it
         */
        public HaarFaceDetector build() throws IOException {
            Path file = cascadeFile != null ? cascadeFile : bundledCascade();
            if (!Files.isRegularFile(file)) {
                throw new IOException("Haar cascade " + file + " not found");
            }
            CascadeClassifier cascade = new CascadeClassifier();
            boolean loaded;
            try {
                loaded = cascade.load(file.toString());
            } catch (RuntimeException e) {
                cascade.close();
                throw new IOException("Cannot load Haar cascade " + file + ": " + e.getMessage(), e);
            }
            if (!loaded || cascade.empty()) {
                cascade.close();
                throw new IOException("Cannot load Haar cascade " + file + ": not an OpenCV cascade file");
            }
            return new HaarFaceDetector(cascade, this);
        }

        private static Path bundledCascade() throws IOException {
            // CascadeClassifier reads from a file path only, so the XML is extracted from the OpenCV jar
            // into JavaCPP's cache (once per machine) rather than read as a stream.
            String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/"
                    + DEFAULT_CASCADE;
            File file;
            try {
                file = Loader.cacheResource(resource);
            } catch (IOException e) {
                throw new IOException("Cannot extract the Haar cascade " + resource + " from the OpenCV jar: "
                        + e.getMessage(), e);
            }
            if (file == null) {
                throw new IOException("The Haar cascade " + resource + " is not on the classpath; is the OpenCV jar"
                        + " for this platform (classifier " + Loader.getPlatform() + ") a dependency?");
            }
            return file.toPath();
        }
    }
}
