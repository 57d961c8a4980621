// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;

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
 * <p>YuNet finds faces of about 10 to 300 pixels of its input, so a frame is scanned as a small pyramid:
 * whole, scaled down (area averaging) to {@link Builder#optMaxInputSide(int)} (default 640) for the large
 * faces, then in overlapping tiles of that size at finer scales, down to faces of
 * {@link Builder#optMinFaceSize(int)} (default {@value #DEFAULT_MIN_FACE_SIZE} pixels); boxes and landmarks
 * are mapped back to the frame's pixels and a face seen twice is kept once. A live camera may instead take
 * the cheap look of {@link #detectNear} between full scans. YuNet under-reports how far a face is
 * tilted, so a face tilted by 5 degrees or more is looked at a second time, turned upright by the first
 * estimate, and its landmarks are taken from that look. Thread-safe: calls are serialised,
 * since the network and the working buffers are shared. The caller owns the detector and closes it to
 * free the native network.
 *
 * <p>This class is the facade; the work is split by job among package-private helpers: the network and
 * its model ({@code YuNetNetwork}), the scales and tiles ({@code YuNetPyramid}), reading and merging the
 * network's rows ({@code YuNetOutput}) and the upright second look ({@code YuNetTiltRefiner}).
 */
public final class YuNetFaceDetector implements FaceDetector {

    /**
     * Longest side of the image the network sees at the coarse scale of live sources ({@link #live()}):
     * on 640x480 frames it costs about a third of a scan at 640 (docs/benchmarks.md).
     */
    public static final int VIDEO_MAX_INPUT_SIDE = 480;

    /**
     * The smallest face side, in frame pixels, that the full scans of {@link #live()} look for: it puts their
     * finest scale at the frame's own resolution (no enlarging), so a camera keeps 30 frames per second.
     */
    public static final int LIVE_MIN_FACE_SIZE = 32;

    /** The smallest face side, in frame pixels, that detection looks for unless told otherwise. */
    public static final int DEFAULT_MIN_FACE_SIZE = 20;

    /** The classpath location of the bundled model. */
    public static final String MODEL_RESOURCE = "/org/fer4j/camera/yunet/face_detection_yunet_2023mar.onnx";

    /**
     * Side, in network pixels, of the smallest face the pyramid plans for: a level at scale s is trusted with
     * faces of this size divided by s and up. Chosen on FER-2013 faces (tight crops without hair or outline,
     * a hard case: half of them are missed at 48 px) by fer-camera's {@code PyramidMeasurement}; see
     * docs/benchmarks.md.
     */
    static final int NET_MIN_FACE = 32;

    private final YuNetNetwork network;
    private final YuNetPyramid pyramid;
    private final YuNetTiltRefiner refiner;
    private final double nmsThreshold;
    private final Mat bgr = new Mat();
    private boolean closed;

    private YuNetFaceDetector(
            YuNetNetwork network,
            int maxInputSide,
            int minFaceSize,
            float nmsThreshold,
            int refinePasses,
            int netMinFace) {
        this.network = network;
        this.pyramid = new YuNetPyramid(network, maxInputSide, minFaceSize, netMinFace);
        this.refiner = new YuNetTiltRefiner(network, refinePasses);
        this.nmsThreshold = nmsThreshold;
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
     * Returns a builder set for live sources (cameras and streams): frames scanned whole at
     * {@link #VIDEO_MAX_INPUT_SIDE}, full scans down to faces of {@link #LIVE_MIN_FACE_SIZE} pixels, meant to
     * run every few frames with the cheaper {@link #detectNear} between them, as {@link EmotionCamera} does.
     *
     * @return a new builder with the live settings
     */
    public static Builder live() {
        return builder().optMaxInputSide(VIDEO_MAX_INPUT_SIDE).optMinFaceSize(LIVE_MIN_FACE_SIZE);
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
        Mat colour = prepare(image);
        List<YuNetOutput.Found> found = pyramid.scan(colour);
        return refiner.refined(colour, YuNetOutput.merge(found, image.cols(), image.rows(), nmsThreshold));
    }

    /**
     * Scans the frame at the coarse level only, plus the finest level's tiles that hold the known faces too
     * small for the coarse level: the cheap look a live camera takes between full scans.
     * It finds new faces the coarse level can see, but no new small one; the camera's periodic full scan
     * does.
     *
     * @param image the frame to search
     * @param previous the boxes of the faces found in an earlier frame
     * @return the faces found, or empty when the frame has one scale only, so the caller scans in full
     */
    @Override
    public synchronized Optional<List<FaceDetection>> detectNear(Mat image, List<FaceBox> previous) {
        Objects.requireNonNull(previous, "previous");
        Mat colour = prepare(image);
        return pyramid.scanNear(colour, previous)
                .map(found ->
                        refiner.refined(colour, YuNetOutput.merge(found, image.cols(), image.rows(), nmsThreshold)));
    }

    private Mat prepare(Mat image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("This YuNetFaceDetector is closed");
        }
        if (image.empty()) {
            throw new IllegalArgumentException("Empty image");
        }
        return Mats.withChannels(image, 3, bgr);
    }

    /** Frees the native network and buffers; later calls to {@link #detect} throw. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            network.close();
            pyramid.close();
            refiner.close();
            bgr.close();
        }
    }

    /** Builds a {@link YuNetFaceDetector}. */
    public static final class Builder {
        private float scoreThreshold = 0.6f;
        private float nmsThreshold = 0.3f;
        private int maxInputSide = 640;
        private int minFaceSize = DEFAULT_MIN_FACE_SIZE;
        private int refinePasses = 1;
        private int netMinFace = NET_MIN_FACE;

        private Builder() {}

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
         * Sets the longest side, in pixels, of each image the network sees (default 640): the coarse scan sees
         * the whole frame shrunk to it, which finds the large faces, and the finer scans (see
         * {@link #optMinFaceSize(int)}) use tiles of this size.
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

        /**
         * Sets the side, in frame pixels, of the smallest face to find (default {@value YuNetFaceDetector#DEFAULT_MIN_FACE_SIZE}).
         * Frames are scanned at several scales: whole at {@link #optMaxInputSide(int)} for the large faces, then
         * in overlapping tiles of that size at finer scales, up to the scale at which this size is large enough
         * for the network (at most 4 times the frame's own), so a 1920x1080 photo is scanned at full resolution
         * and more. Larger values cost less; 0 scans once at {@link #optMaxInputSide(int)}, as before.
         *
         * @param pixels the smallest face side, 0 or at least 8
         * @return this builder
         */
        public Builder optMinFaceSize(int pixels) {
            if (pixels != 0 && pixels < 8) {
                throw new IllegalArgumentException("minFaceSize must be 0 or >= 8, got " + pixels);
            }
            this.minFaceSize = pixels;
            return this;
        }

        /** Sets the smallest face the pyramid trusts the network with, in its pixels (measurements only). */
        Builder netMinFace(int pixels) {
            this.netMinFace = pixels;
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
            return new YuNetFaceDetector(
                    YuNetNetwork.load(scoreThreshold, nmsThreshold),
                    maxInputSide,
                    minFaceSize,
                    nmsThreshold,
                    refinePasses,
                    netMinFace);
        }
    }
}
