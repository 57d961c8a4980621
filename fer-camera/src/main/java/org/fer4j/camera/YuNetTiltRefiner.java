// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import ai.djl.modality.cv.output.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Gives tilted faces a second look with YuNet, turned upright by the first estimate, and takes their
 * landmarks from it. YuNet learnt mostly upright faces and reports only 60-90% of a tilt (a face turned by
 * 30 degrees reads as 18-27), so the second look, at a face now tilted by a few degrees, brings the eye
 * line to within a few degrees of the truth. Not thread-safe; {@link YuNetFaceDetector} serialises calls.
 */
final class YuNetTiltRefiner implements AutoCloseable {

    /** Faces tilted at least this much (first estimate, degrees) get a second look turned upright. */
    private static final double MIN_DEGREES = 5;
    /** Side of the second look's crop, in face-box sides, and its smallest and largest size in pixels. */
    private static final double CONTEXT = 2.2;

    private static final int MIN_SIDE = 96;
    private static final int MAX_SIDE = 320;
    /** Farthest a second-look face may lie from the crop's centre, in crop sides. */
    private static final double MAX_OFFSET = 0.25;

    private final YuNetNetwork network;
    private final int passes;
    private final Mat upright = new Mat();

    /**
     * @param network runs the network on each crop; borrowed
     * @param passes how many second looks a tilted face gets at most
     */
    YuNetTiltRefiner(YuNetNetwork network, int passes) {
        this.network = network;
        this.passes = passes;
    }

    /** Returns the faces, unmodifiable, with the tilted ones' landmarks measured again on the BGR frame. */
    List<FaceDetection> refined(Mat colour, List<FaceDetection> faces) {
        if (faces.stream().noneMatch(YuNetTiltRefiner::tilted)) {
            return Collections.unmodifiableList(faces);
        }
        List<FaceDetection> refined = new ArrayList<>(faces.size());
        for (FaceDetection f : faces) {
            FaceDetection r = f;
            for (int pass = 0; pass < passes && tilted(r); pass++) {
                r = refine(colour, r);
            }
            refined.add(r);
        }
        return Collections.unmodifiableList(refined);
    }

    private static boolean tilted(FaceDetection f) {
        return Math.abs(f.landmarks().orElseThrow().rollDegrees()) >= MIN_DEGREES;
    }

    /**
     * Measures the landmarks of a tilted face again on a copy of its surroundings turned upright by the
     * first estimate; keeps the first landmarks if the second look finds no face.
     */
    private FaceDetection refine(Mat frame, FaceDetection f) {
        FaceLandmarks first = f.landmarks().orElseThrow();
        double angle = Math.toRadians(first.rollDegrees());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = f.box().x() + f.box().width() / 2.0;
        double cy = f.box().y() + f.box().height() / 2.0;
        double side = CONTEXT * Math.max(f.box().width(), f.box().height());
        int n = (int) Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.round(side)));
        double k = n / side;
        double c0 = (n - 1) / 2.0;
        // Crop pixel o = k * R(-angle) * (f - centre) + c0 for frame point f.
        try (Mat m = new Mat(2, 3, CV_64F);
                Size size = new Size(n, n);
                Scalar border = new Scalar(0)) {
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
        FaceDetection best = null;
        double bestDistance = MAX_OFFSET * n;
        for (FaceDetection d : YuNetOutput.faces(network.detect(upright), 1, 1, n, n)) {
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
        Point[] p = best.landmarks().orElseThrow().points();
        Point[] q = new Point[p.length];
        for (int i = 0; i < p.length; i++) {
            double ox = (p[i].getX() - c0) / k;
            double oy = (p[i].getY() - c0) / k;
            q[i] = new Point(cx + cos * ox - sin * oy, cy + sin * ox + cos * oy);
        }
        return new FaceDetection(f.box(), f.score(), Optional.of(new FaceLandmarks(q[0], q[1], q[2], q[3], q[4])));
    }

    /** Frees the working buffer. */
    @Override
    public void close() {
        upright.close();
    }
}
