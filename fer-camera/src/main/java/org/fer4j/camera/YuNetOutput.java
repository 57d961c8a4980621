// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import ai.djl.modality.cv.output.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads YuNet's output rows into faces in frame pixels, and keeps one box per face when a frame was scanned
 * at several scales and in overlapping tiles.
 */
final class YuNetOutput {

    /** A box this close (network pixels) to an inner tile edge counts as cut by it. */
    private static final double EDGE = 2;
    /** A box whose area lies this much inside a kept box is the same face. */
    private static final double CONTAINED = 0.6;

    private YuNetOutput() {}

    /**
     * A face as the network gave it, in frame pixels: x, y, w, h, five landmarks, score. The array is not
     * copied: each face gets a fresh one that nothing writes afterwards, and faces are never compared.
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Found(double[] v, boolean cut) {
        double score() {
            return v[14];
        }

        double area() {
            return v[2] * v[3];
        }

        double overlap(Found o, boolean overSmaller) {
            double ix = Math.min(v[0] + v[2], o.v[0] + o.v[2]) - Math.max(v[0], o.v[0]);
            double iy = Math.min(v[1] + v[3], o.v[1] + o.v[3]) - Math.max(v[1], o.v[1]);
            if (ix <= 0 || iy <= 0) {
                return 0;
            }
            double inter = ix * iy;
            return overSmaller ? inter / Math.min(area(), o.area()) : inter / (area() + o.area() - inter);
        }
    }

    /** Where one network input lies in the frame, and which of its edges another tile overlaps. */
    record Tile(
            int width,
            int height,
            double x0,
            double y0,
            double sx,
            double sy,
            boolean innerLeft,
            boolean innerTop,
            boolean innerRight,
            boolean innerBottom) {}

    /**
     * Adds the faces of one input's rows in frame pixels: the input's pixel (u, v) is the frame's
     * (x0 + u / sx, y0 + v / sy); faces larger than {@code maxSide} input pixels are left out. Faces that
     * touch an inner tile edge (one a neighbouring tile overlaps) are marked, so a whole view of the face in
     * the neighbour wins over the cut one.
     */
    static void addFaces(Mat rows, Tile t, double maxSide, List<Found> found) {
        if (rows.empty() || rows.rows() == 0) {
            return;
        }
        try (FloatIndexer v = rows.createIndexer()) {
            for (int i = 0; i < rows.rows(); i++) {
                double u = v.get(i, 0);
                double y = v.get(i, 1);
                double w = v.get(i, 2);
                double h = v.get(i, 3);
                if (Math.max(w, h) > maxSide) {
                    continue;
                }
                boolean cut = (t.innerLeft() && u < EDGE)
                        || (t.innerTop() && y < EDGE)
                        || (t.innerRight() && u + w > t.width() - EDGE)
                        || (t.innerBottom() && y + h > t.height() - EDGE);
                double[] values = new double[YuNetNetwork.COLUMNS];
                for (int k = 0; k < 14; k++) {
                    values[k] = k % 2 == 0 ? t.x0() + v.get(i, k) / t.sx() : t.y0() + v.get(i, k) / t.sy();
                }
                values[2] = w / t.sx();
                values[3] = h / t.sy();
                values[14] = Math.min(1, Math.max(0, v.get(i, 14)));
                found.add(new Found(values, cut));
            }
        }
    }

    /**
     * Keeps one box per face from all levels and tiles: whole views before views cut by a tile edge, then
     * higher scores first; a box overlapping a kept one above the NMS threshold, or lying mostly inside it
     * (a cut view, or the same face seen at two scales), is dropped. Boxes are clipped to the frame.
     */
    static List<FaceDetection> merge(List<Found> found, int frameWidth, int frameHeight, double nmsThreshold) {
        found.sort(Comparator.comparing(Found::cut)
                .thenComparing(Comparator.comparingDouble(Found::score).reversed()));
        List<Found> kept = new ArrayList<>();
        for (Found f : found) {
            boolean duplicate = false;
            for (Found k : kept) {
                if (f.overlap(k, false) > nmsThreshold || f.overlap(k, true) > CONTAINED) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(f);
            }
        }
        List<FaceDetection> faces = new ArrayList<>(kept.size());
        for (Found f : kept) {
            double[] v = f.v();
            Point[] p = new Point[5];
            for (int k = 0; k < 5; k++) {
                p[k] = new Point(v[4 + 2 * k], v[5 + 2 * k]);
            }
            clipped(v[0], v[1], v[2], v[3], f.score(), p, frameWidth, frameHeight)
                    .ifPresent(faces::add);
        }
        sortLeftToRight(faces);
        return faces;
    }

    /** Reads the rows of one whole input (x, y, w, h, 5 x (x, y), score), scaled by 1 / s into frame pixels. */
    static List<FaceDetection> faces(Mat rows, double sx, double sy, int frameWidth, int frameHeight) {
        if (rows.empty() || rows.rows() == 0) {
            return List.of();
        }
        List<FaceDetection> faces = new ArrayList<>(rows.rows());
        try (FloatIndexer v = rows.createIndexer()) {
            for (int i = 0; i < rows.rows(); i++) {
                Point[] p = new Point[5];
                for (int k = 0; k < 5; k++) {
                    p[k] = new Point(v.get(i, 4 + 2 * k) / sx, v.get(i, 5 + 2 * k) / sy);
                }
                double score = Math.min(1, Math.max(0, v.get(i, 14)));
                clipped(
                                v.get(i, 0) / sx,
                                v.get(i, 1) / sy,
                                v.get(i, 2) / sx,
                                v.get(i, 3) / sy,
                                score,
                                p,
                                frameWidth,
                                frameHeight)
                        .ifPresent(faces::add);
            }
        }
        sortLeftToRight(faces);
        return Collections.unmodifiableList(faces);
    }

    /** The face with its box clipped to the frame, or empty when nothing of it is inside. */
    private static Optional<FaceDetection> clipped(
            double x, double y, double w, double h, double score, Point[] p, int frameWidth, int frameHeight) {
        // YuNet's boxes may reach past the frame for faces at its edge; keep the part inside.
        int left = (int) Math.max(0, Math.floor(x));
        int top = (int) Math.max(0, Math.floor(y));
        int right = (int) Math.min(frameWidth, Math.ceil(x + w));
        int bottom = (int) Math.min(frameHeight, Math.ceil(y + h));
        if (right - left < 1 || bottom - top < 1) {
            return Optional.empty();
        }
        return Optional.of(new FaceDetection(
                new FaceBox(left, top, right - left, bottom - top),
                score,
                Optional.of(new FaceLandmarks(p[0], p[1], p[2], p[3], p[4]))));
    }

    /** Left to right, as the Haar detector lists them, so results come in a stable, readable order. */
    private static void sortLeftToRight(List<FaceDetection> faces) {
        faces.sort(Comparator.comparingInt((FaceDetection f) -> f.box().x())
                .thenComparingInt(f -> f.box().y()));
    }
}
