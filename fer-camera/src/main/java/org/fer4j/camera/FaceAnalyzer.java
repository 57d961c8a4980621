// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.GreyImage;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/**
 * Finds every face in a photo and classifies its expression, in one call: the photo counterpart of
 * {@link EmotionCamera}, with the same detection and the same aligned crops.
 *
 * <pre>{@code
 * try (EmotionClassifier fer = EmotionClassifier.loadDefault();
 *      FaceAnalyzer analyzer = FaceAnalyzer.builder().setClassifier(fer).build()) {
 *     for (AnalyzedFace face : analyzer.analyze(Path.of("group.jpg"))) {
 *         System.out.println(face.box() + " " + face.prediction().emotion());
 *     }
 * }
 * }</pre>
 *
 * <p>Faces come largest first; a photo without a face gives an empty list. Each face is turned upright
 * and cropped like a FER-2013 face when the detector gives landmarks (the default {@link YuNetFaceDetector}
 * does), or cut out as its box plus a margin when not. Thread-safe when its detector is (the built-in
 * ones are). Ownership: the analyzer closes a detector it created itself; the classifier, and a detector
 * passed to the builder, belong to the caller, who closes them after the analyzer.
 */
public final class FaceAnalyzer implements AutoCloseable {

    /** Smallest and largest margin accepted, as a fraction of the face's size per side. */
    private static final double MIN_MARGIN = -0.2;

    private static final double MAX_MARGIN = 1.0;

    private final EmotionClassifier classifier;
    private final FaceDetector detector;
    private final boolean ownsDetector;
    private final double margin;
    private volatile boolean closed;

    private FaceAnalyzer(EmotionClassifier classifier, FaceDetector detector, boolean ownsDetector, double margin) {
        this.classifier = classifier;
        this.detector = detector;
        this.ownsDetector = ownsDetector;
        this.margin = margin;
    }

    /**
     * Returns a builder; a classifier is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds and classifies the faces of an image.
     *
     * @param image the photo, of any type and size
     * @return the faces, largest box first; empty when there is none
     * @throws NullPointerException if {@code image} is null
     * @throws IllegalStateException if the analyzer is closed
     */
    public List<AnalyzedFace> analyze(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        try (Mat frame = Mats.fromImage(image)) {
            return analyze(frame);
        }
    }

    /**
     * Finds and classifies the faces of a DJL {@link Image}; see {@link #analyze(BufferedImage)}. Images
     * not backed by a {@link BufferedImage} are read through DJL's engine.
     *
     * @param image the photo
     * @return the faces, largest box first; empty when there is none
     */
    public List<AnalyzedFace> analyze(Image image) {
        Objects.requireNonNull(image, "image");
        if (image.getWrappedImage() instanceof BufferedImage) {
            return analyze((BufferedImage) image.getWrappedImage());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] bgr = new byte[w * h * 3];
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR).toType(DataType.UINT8, false);
            byte[] rgb = hwc.toByteArray();
            for (int i = 0; i < w * h; i++) {
                bgr[3 * i] = rgb[3 * i + 2];
                bgr[3 * i + 1] = rgb[3 * i + 1];
                bgr[3 * i + 2] = rgb[3 * i];
            }
        }
        try (Mat frame = new Mat(h, w, CV_8UC3)) {
            frame.data().put(bgr, 0, bgr.length);
            return analyze(frame);
        }
    }

    /**
     * Decodes (as the camera reads image files: fer-core's checks and EXIF orientation, OpenCV's decoder)
     * and analyses an encoded image.
     *
     * @param encoded the image bytes, BMP, GIF (first frame), JPEG, PNG, TIFF or WebP
     * @return the faces, largest box first; empty when there is none
     * @throws IllegalArgumentException if the bytes are empty or not a decodable image
     */
    public List<AnalyzedFace> analyze(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded image bytes");
        try (Mat frame = Mats.decode(encoded)) {
            return analyze(frame);
        }
    }

    /**
     * Reads and analyses an image file, decoded as {@code fer detect} decodes it, so both give the same faces.
     *
     * @param file the image file
     * @return the faces, largest box first; empty when there is none
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read or is a folder (the message starts with the path)
     * @throws IllegalArgumentException if it is not a decodable image (the message starts with the path)
     */
    public List<AnalyzedFace> analyze(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = ImageDecoding.readFile(file);
        Mat frame;
        try {
            frame = Mats.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        try {
            return analyze(frame);
        } finally {
            frame.close();
        }
    }

    /** Finds, crops and classifies the faces of an 8-bit grey, BGR or BGRA frame. */
    List<AnalyzedFace> analyze(Mat frame) {
        if (closed) {
            throw new IllegalStateException("This FaceAnalyzer is closed");
        }
        Mats.checkImage(frame);
        List<FaceDetection> found = new ArrayList<>(detector.detect(frame));
        if (found.isEmpty()) {
            return List.of();
        }
        found.sort(Comparator.comparingLong((FaceDetection f) -> f.box().area())
                .reversed()
                .thenComparingInt(f -> f.box().x())
                .thenComparingInt(f -> f.box().y()));
        List<GreyImage> crops = new ArrayList<>(found.size());
        for (FaceDetection face : found) {
            crops.add(FaceCrops.crop(frame, face, margin));
        }
        List<EmotionPrediction> predictions = classifier.predictGrey(crops);
        List<AnalyzedFace> faces = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            faces.add(new AnalyzedFace(found.get(i), predictions.get(i)));
        }
        return Collections.unmodifiableList(faces);
    }

    /**
     * Returns the classifier the faces are classified with.
     *
     * @return the classifier (the caller's)
     */
    public EmotionClassifier classifier() {
        return classifier;
    }

    /** Closes the detector if the analyzer created it; the classifier is not closed. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ownsDetector) {
                detector.close();
            }
        }
    }

    /** Checks a face margin given to a builder and returns it. */
    static double checkMargin(double margin) {
        if (!(margin >= MIN_MARGIN && margin <= MAX_MARGIN)) {
            throw new IllegalArgumentException(
                    "Face margin must be in [" + MIN_MARGIN + ", " + MAX_MARGIN + "], got " + margin);
        }
        return margin;
    }

    /** Builds a {@link FaceAnalyzer}: {@code setX} for the required parts, {@code optX} for the rest. */
    public static final class Builder {
        private EmotionClassifier classifier;
        private FaceDetector detector;
        private double margin = Double.NaN;

        private Builder() {}

        /**
         * Sets the classifier (required); the caller keeps ownership and closes it after the analyzer.
         *
         * @param classifier the classifier
         * @return this builder
         */
        public Builder setClassifier(EmotionClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * Sets the face detector; the caller keeps ownership. Without one, the analyzer creates (and
         * closes) a {@link YuNetFaceDetector} with default options.
         *
         * @param detector the face detector
         * @return this builder
         */
        public Builder optDetector(FaceDetector detector) {
            this.detector = Objects.requireNonNull(detector, "detector");
            return this;
        }

        /**
         * Sets the border added around each face before it is classified, as a fraction of the face's size
         * per side: around the FER-2013 framing of the aligned crop for faces with landmarks (default -0.05,
         * a little tighter, chosen by measured accuracy), around the box for faces without (Haar; default 0.05).
         *
         * @param margin the margin, -0.2 to 1 (negative crops tighter)
         * @return this builder
         */
        public Builder optFaceMargin(double margin) {
            this.margin = checkMargin(margin);
            return this;
        }

        /**
         * Returns the analyzer, loading the default detector when none was set.
         *
         * @return the analyzer; the caller closes it
         * @throws IllegalStateException if the classifier is missing
         * @throws IOException if the default detector cannot be loaded
         */
        public FaceAnalyzer build() throws IOException {
            if (classifier == null) {
                throw new IllegalStateException("FaceAnalyzer needs a classifier: setClassifier(EmotionClassifier)");
            }
            if (detector != null) {
                return new FaceAnalyzer(classifier, detector, false, margin);
            }
            return new FaceAnalyzer(classifier, YuNetFaceDetector.create(), true, margin);
        }
    }
}
