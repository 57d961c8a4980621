// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera.internal;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
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
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.fer4j.camera.FaceBox;
import org.fer4j.camera.FaceDetection;
import org.fer4j.camera.FaceDetector;

/**
 * Finds frontal faces with OpenCV's Haar cascade ({@code haarcascade_frontalface_default.xml}, read
 * from the bytedeco OpenCV jar unless another cascade file is given). It gives boxes only: no score
 * (reported as 1) and no landmarks, so faces it finds are cropped without being turned upright.
 * {@link YuNetFaceDetector} is the default; this one remains for comparison and for upright faces.
 *
 * <pre>{@code
 * try (HaarFaceDetector faces = HaarFaceDetector.builder().optMinFaceSize(60).build()) {
 *     List<FaceDetection> found = faces.detect(mat);
 * }
 * }</pre>
 *
 * <p>To save time the grey frame is scaled down (area averaging) before the cascade runs, as far as the
 * smallest face asked for ({@link Builder#optMinFaceSize(int)}) still covers the cascade's search window
 * (24 pixels for the default cascade), and the boxes are mapped back to the frame's coordinates; so the
 * minimum face size sets both what is found and how fast. Thread-safe: calls are serialised, since the
 * cascade and the working buffers are shared. The caller owns the detector and closes it to free the
 * native cascade.
 */
public final class HaarFaceDetector implements FaceDetector {

    /** The cascade used unless {@link Builder#optCascade(Path)} names another. */
    public static final String DEFAULT_CASCADE = "haarcascade_frontalface_default.xml";

    /** Margin around a previous face, as a fraction of its size per side, searched by detectNear. */
    private static final double NEAR_MARGIN = 0.4;
    /** Smallest and largest face size accepted by detectNear, relative to the previous size. */
    private static final double NEAR_MIN = 0.7;

    private static final double NEAR_MAX = 1.4;

    private final CascadeClassifier cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minFaceSize;
    private final int window;
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
        try (Size w = cascade.getOriginalWindowSize()) {
            this.window = Math.max(1, Math.max(w.width(), w.height()));
        }
    }

    /**
     * Returns a detector with the default options.
     *
     * @return the detector; the caller closes it
     * @throws IOException if the bundled cascade cannot be found or loaded
     */
    public static HaarFaceDetector create() throws IOException {
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
     * Returns the faces found, left to right, each with score 1 and no landmarks.
     *
     * @param image an 8-bit grey, BGR or BGRA frame
     * @return the faces, possibly empty
     * @throws IllegalArgumentException if the image is empty or has another layout
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    public synchronized List<FaceDetection> detect(Mat image) {
        Mat g = checkedGrey(image);
        Mat eq = prepare(g, minFaceSize);
        double sx = (double) eq.cols() / g.cols();
        double sy = (double) eq.rows() / g.rows();
        int min = Math.max(window, (int) Math.round(minFaceSize * sx));
        return sorted(cascade(eq, min, 0, sx, sy, 0, 0, g));
    }

    /**
     * Looks again for faces found in the previous frame: scans only a region around each of
     * {@code previous}, for faces from {@value #NEAR_MIN} to {@value #NEAR_MAX} times its size, on the
     * same downscaled and equalised frame as {@link #detect(Mat)}, so that each face is judged on the
     * same pixels and windows as in a full scan. Costs a fraction of a full scan, and finds no new faces.
     *
     * @param image the frame to search
     * @param previous the boxes of the faces found in an earlier frame
     * @return the faces found near them, left to right (never empty as an Optional)
     */
    @Override
    public synchronized Optional<List<FaceDetection>> detectNear(Mat image, List<FaceBox> previous) {
        Mat g = checkedGrey(image);
        Mat eq = prepare(g, minFaceSize);
        double sx = (double) eq.cols() / g.cols();
        double sy = (double) eq.rows() / g.rows();
        List<FaceBox> boxes = new ArrayList<>();
        for (FaceBox p : previous) {
            int side = Math.max(p.width(), p.height());
            FaceBox region = p.expand(NEAR_MARGIN, g.cols(), g.rows());
            int x = Math.min(eq.cols() - 1, (int) Math.floor(region.x() * sx));
            int y = Math.min(eq.rows() - 1, (int) Math.floor(region.y() * sy));
            int w = Math.min(eq.cols() - x, (int) Math.ceil(region.width() * sx));
            int h = Math.min(eq.rows() - y, (int) Math.ceil(region.height() * sy));
            int min = Math.max(window, (int) Math.round(NEAR_MIN * side * sx));
            int max = Math.max(min, (int) Math.round(NEAR_MAX * side * sx));
            if (w < min || h < min) {
                continue;
            }
            try (Rect r = new Rect(x, y, w, h);
                    Mat roi = eq.apply(r)) {
                int offX = (int) Math.round(x / sx);
                int offY = (int) Math.round(y / sy);
                for (FaceBox b : cascade(roi, min, max, sx, sy, offX, offY, g)) {
                    // Regions of faces close together overlap; keep one box per face.
                    if (boxes.stream().noneMatch(o -> o.iou(b) > 0.5)) {
                        boxes.add(b);
                    }
                }
            }
        }
        return Optional.of(sorted(boxes));
    }

    private Mat checkedGrey(Mat image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("This HaarFaceDetector is closed");
        }
        if (image.empty()) {
            throw new IllegalArgumentException("Empty image");
        }
        return toGrey(image);
    }

    /** Scales the grey frame down so {@code minFace} fills the cascade's window, and equalises it. */
    private Mat prepare(Mat g, int minFace) {
        // The cascade's cost grows with the pixels scanned and with the face area it has to confirm, so
        // scanning at the scale where the smallest wanted face just fills the window is the cheapest
        // scan that still finds every face of at least minFace.
        double scale = Math.min(1.0, (double) window / minFace);
        Mat target = g;
        if (scale < 1) {
            try (Size size = new Size(Math.max(window, (int) Math.round(g.cols() * scale)), Math.max(window, (int)
                    Math.round(g.rows() * scale)))) {
                resize(g, small, size, 0, 0, INTER_AREA);
            }
            target = small;
        }
        // Histogram equalisation, as in OpenCV's own face detection sample: the cascade is trained on
        // contrast-normalised windows and misses faces in dim or washed-out frames without it.
        equalizeHist(target, equalised);
        return equalised;
    }

    /**
     * Runs the cascade on a prepared image for faces of {@code min} to {@code max} pixels (0: no limit)
     * at that image's scale; returns boxes in frame pixels, offset by (offX, offY) frame pixels.
     */
    private List<FaceBox> cascade(Mat prepared, int min, int max, double sx, double sy, int offX, int offY, Mat frame) {
        try (Size minSize = new Size(min, min);
                Size maxSize = new Size(max, max)) {
            cascade.detectMultiScale(prepared, found, scaleFactor, minNeighbors, 0, minSize, maxSize);
        }
        int n = (int) found.size();
        List<FaceBox> boxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try (Rect r = found.get(i)) {
                int x = offX + (int) Math.round(r.x() / sx);
                int y = offY + (int) Math.round(r.y() / sy);
                int w = Math.min(frame.cols() - x, (int) Math.round(r.width() / sx));
                int h = Math.min(frame.rows() - y, (int) Math.round(r.height() / sy));
                if (w > 0 && h > 0) {
                    boxes.add(new FaceBox(x, y, w, h));
                }
            }
        }
        return boxes;
    }

    private static List<FaceDetection> sorted(List<FaceBox> boxes) {
        if (boxes.isEmpty()) {
            return List.of();
        }
        // Left to right, so results and JSON lines come in a stable, readable order.
        boxes.sort(Comparator.comparingInt(FaceBox::x).thenComparingInt(FaceBox::y));
        List<FaceDetection> faces = new ArrayList<>(boxes.size());
        for (FaceBox b : boxes) {
            faces.add(FaceDetection.of(b));
        }
        return Collections.unmodifiableList(faces);
    }

    private Mat toGrey(Mat image) {
        return Mats.withChannels(image, 1, grey);
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
        private int minFaceSize = 64;
        private Path cascadeFile;

        private Builder() {}

        /**
         * Sets how much the search window grows between scales, above 1 (default 1.1; larger is faster but
         * misses more faces).
         *
         * @param factor the scale step, above 1
         * @return this builder
         */
        public Builder optScaleFactor(double factor) {
            if (!(factor > 1.0)) {
                throw new IllegalArgumentException("scaleFactor must be > 1, got " + factor);
            }
            this.scaleFactor = factor;
            return this;
        }

        /**
         * Sets how many overlapping hits a face needs to be kept (default 5; lower finds more faces and more
         * false ones).
         *
         * @param n the overlapping hits needed
         * @return this builder
         */
        public Builder optMinNeighbors(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("minNeighbors must be >= 0, got " + n);
            }
            this.minNeighbors = n;
            return this;
        }

        /**
         * Sets the smallest face side to look for, in pixels of the input frame (default 64). Frames are
         * scanned at the scale where this size fills the cascade's window, so a larger value is faster:
         * measured on 640x480 frames, 48 costs 1.5 to 1.7 times as much as 64.
         *
         * @param pixels the smallest face side, in pixels
         * @return this builder
         */
        public Builder optMinFaceSize(int pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("minFaceSize must be >= 1, got " + pixels);
            }
            this.minFaceSize = pixels;
            return this;
        }

        /**
         * Uses another OpenCV cascade file instead of the bundled {@value HaarFaceDetector#DEFAULT_CASCADE}.
         *
         * @param file the cascade XML file
         * @return this builder
         */
        public Builder optCascade(Path file) {
            this.cascadeFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Loads the cascade and returns the detector.
         *
         * @return the detector; the caller closes it
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
            String resource =
                    "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + DEFAULT_CASCADE;
            File file;
            try {
                file = Loader.cacheResource(resource);
            } catch (IOException e) {
                throw new IOException(
                        "Cannot extract the Haar cascade " + resource + " from the OpenCV jar: " + e.getMessage(), e);
            }
            if (file == null) {
                throw new IOException("The Haar cascade " + resource + " is not on the classpath; is the OpenCV jar"
                        + " for this platform (classifier " + Loader.getPlatform() + ") a dependency?");
            }
            return file.toPath();
        }
    }
}
