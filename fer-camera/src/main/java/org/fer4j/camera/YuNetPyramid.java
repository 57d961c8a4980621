// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Scans a frame with YuNet as a small pyramid: whole, shrunk to the network's largest input, then in
 * overlapping tiles of that size at finer scales, down to the smallest face asked for. YuNet finds faces of
 * about 10 to 300 pixels of its input, so one scale cannot cover both a face filling a photo and a small
 * face in a crowd. Not thread-safe; {@link YuNetFaceDetector} serialises calls.
 */
final class YuNetPyramid implements AutoCloseable {

    /** Largest scale step between two pyramid levels; YuNet's range (about 10 to 300 px) spans far more. */
    private static final double LEVEL_RATIO = 3;
    /** Largest scale a frame is enlarged to for small faces, bounding the cost of a tiny minimum face size. */
    private static final double MAX_UPSCALE = 4;
    /** Largest face, in netMinFace units of network pixels, that a level finer than the first keeps. */
    private static final int FINE_MAX_FACE = 6;
    /** A known face at least this many times netMinFace at the coarse level needs no fine look of its own. */
    private static final double NEAR_MARGIN = 1.5;

    private final YuNetNetwork network;
    private final int maxInputSide;
    private final int minFaceSize;
    private final int netMinFace;
    private final Mat small = new Mat();
    private final Mat tile = new Mat();

    /**
     * @param network runs the network on each input; borrowed
     * @param maxInputSide longest side of an input, in pixels
     * @param minFaceSize smallest face side to find, in frame pixels, or 0 for the coarse scale only
     * @param netMinFace smallest face, in network pixels, a level is trusted with
     */
    YuNetPyramid(YuNetNetwork network, int maxInputSide, int minFaceSize, int netMinFace) {
        this.network = network;
        this.maxInputSide = maxInputSide;
        this.minFaceSize = minFaceSize;
        this.netMinFace = netMinFace;
    }

    /** Scans every level of the BGR frame {@code colour} and returns what each input found, before merging. */
    List<YuNetOutput.Found> scan(Mat colour) {
        List<YuNetOutput.Found> found = new ArrayList<>();
        double[] scales = scales(colour.cols(), colour.rows());
        for (int level = 0; level < scales.length; level++) {
            double ratio = level == 0 ? 1 : scales[level] / scales[level - 1];
            scanLevel(colour, scales[level], level == 0 ? 0 : overlap(ratio), found, null);
        }
        return found;
    }

    /**
     * Scans the coarse level, plus the finest level's tiles that hold the known faces too small for the
     * coarse level; empty when the frame has one scale only, so the caller scans in full.
     */
    Optional<List<YuNetOutput.Found>> scanNear(Mat colour, List<FaceBox> previous) {
        double[] scales = scales(colour.cols(), colour.rows());
        if (scales.length == 1) {
            return Optional.empty();
        }
        List<YuNetOutput.Found> found = new ArrayList<>();
        scanLevel(colour, scales[0], 0, found, null);
        double fine = scales[scales.length - 1];
        List<FaceBox> smallFaces = new ArrayList<>();
        for (FaceBox box : previous) {
            // Faces the coarse level finds reliably need no fine look of their own.
            if (Math.max(box.width(), box.height()) * scales[0] < netMinFace * NEAR_MARGIN) {
                smallFaces.add(box);
            }
        }
        if (!smallFaces.isEmpty()) {
            // The tiles of the full scan's finest level whose centres are nearest the small faces: the same
            // inputs a full scan gives the network, so the look finds what the full scan found, for less.
            int overlap = overlap(fine / scales[scales.length - 2]);
            int lw = Math.max(1, (int) Math.round(colour.cols() * fine));
            int lh = Math.max(1, (int) Math.round(colour.rows() * fine));
            int[] xs = starts(lw, maxInputSide, overlap);
            int[] ys = starts(lh, maxInputSide, overlap);
            int tw = Math.min(maxInputSide, lw);
            int th = Math.min(maxInputSide, lh);
            Set<Long> wanted = new HashSet<>();
            for (FaceBox box : smallFaces) {
                int x = nearest(xs, tw, (box.x() + box.width() / 2.0) * lw / colour.cols());
                int y = nearest(ys, th, (box.y() + box.height() / 2.0) * lh / colour.rows());
                wanted.add(((long) x << 32) | y);
            }
            scanLevel(colour, fine, overlap, found, (x, y) -> wanted.contains(((long) x << 32) | y));
        }
        return Optional.of(found);
    }

    /**
     * The scales of the pyramid, coarse to fine: first the whole frame shrunk to {@code maxInputSide}
     * (or as it is, when smaller), which finds the large faces; then, when the smallest face asked for is
     * below what the network finds at that scale, finer levels up to the scale where a face of
     * {@code minFaceSize} reaches {@code netMinFace} network pixels, each at most {@link #LEVEL_RATIO}
     * times the one before, so that every face size is inside the range of some level.
     */
    double[] scales(int width, int height) {
        int longest = Math.max(width, height);
        double coarse = longest > maxInputSide ? (double) maxInputSide / longest : 1.0;
        double fine = minFaceSize == 0 ? coarse : Math.min(MAX_UPSCALE, (double) netMinFace / minFaceSize);
        if (fine <= coarse * 1.01) {
            return new double[] {coarse};
        }
        int steps = (int) Math.ceil(Math.log(fine / coarse) / Math.log(LEVEL_RATIO) - 1e-9);
        double[] scales = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            scales[i] = coarse * Math.pow(fine / coarse, (double) i / steps);
        }
        return scales;
    }

    /**
     * The overlap of neighbouring tiles, in level pixels: a face the level before may have missed is at
     * most {@code ratio} times {@code netMinFace} here, and must fit wholly inside one tile.
     */
    private int overlap(double ratio) {
        return Math.min(maxInputSide / 2, (int) Math.ceil(netMinFace * ratio * 1.25));
    }

    /** Chooses the tiles to scan by their top left corner, in level pixels. */
    @FunctionalInterface
    private interface TileFilter {
        boolean wanted(int x, int y);
    }

    /**
     * Scans the frame at {@code scale}, whole when it fits the network's input, else in overlapping tiles
     * ({@code filter} null: all of them).
     */
    private void scanLevel(Mat colour, double scale, int overlap, List<YuNetOutput.Found> found, TileFilter filter) {
        // A finer level leaves the faces that are large at its scale to the coarser levels, where the network
        // boxes them better (a face of 180 px seen at 290 was boxed loosely); below that it keeps every face
        // it finds, as FER-2013 faces of 60 to 110 px are found more often at a finer scale.
        double maxSide = overlap == 0 ? Double.MAX_VALUE : Math.max(overlap, FINE_MAX_FACE * netMinFace);
        Mat level = colour;
        if (scale != 1) {
            try (Size size = new Size(Math.max(1, (int) Math.round(colour.cols() * scale)), Math.max(1, (int)
                    Math.round(colour.rows() * scale)))) {
                resize(colour, small, size, 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            }
            level = small;
        }
        double sx = level.cols() / (double) colour.cols();
        double sy = level.rows() / (double) colour.rows();
        int[] xs = starts(level.cols(), maxInputSide, overlap);
        int[] ys = starts(level.rows(), maxInputSide, overlap);
        int tw = Math.min(maxInputSide, level.cols());
        int th = Math.min(maxInputSide, level.rows());
        if (xs.length == 1 && ys.length == 1) {
            if (filter == null || filter.wanted(0, 0)) {
                YuNetOutput.addFaces(
                        network.detect(level),
                        new YuNetOutput.Tile(level.cols(), level.rows(), 0, 0, sx, sy, false, false, false, false),
                        maxSide,
                        found);
            }
            return;
        }
        for (int y : ys) {
            for (int x : xs) {
                if (filter != null && !filter.wanted(x, y)) {
                    continue;
                }
                try (Rect r = new Rect(x, y, tw, th);
                        Mat roi = level.apply(r)) {
                    // A contiguous copy: the network reads its input as one block.
                    roi.copyTo(tile);
                }
                YuNetOutput.addFaces(
                        network.detect(tile),
                        new YuNetOutput.Tile(
                                tile.cols(),
                                tile.rows(),
                                x / sx,
                                y / sy,
                                sx,
                                sy,
                                x > 0,
                                y > 0,
                                x + tw < level.cols(),
                                y + th < level.rows()),
                        maxSide,
                        found);
            }
        }
    }

    /** Returns the start of the tile of side {@code side} whose centre is nearest {@code centre}. */
    private static int nearest(int[] starts, int side, double centre) {
        int best = starts[0];
        for (int start : starts) {
            if (Math.abs(start + side / 2.0 - centre) < Math.abs(best + side / 2.0 - centre)) {
                best = start;
            }
        }
        return best;
    }

    /** Left (or top) edges of tiles of {@code side} covering {@code length} with at least {@code overlap} in common. */
    static int[] starts(int length, int side, int overlap) {
        if (length <= side) {
            return new int[] {0};
        }
        int n = (int) Math.ceil((double) (length - overlap) / (side - overlap));
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = (int) Math.round((double) i * (length - side) / (n - 1));
        }
        return starts;
    }

    /** Frees the working buffers. */
    @Override
    public void close() {
        small.close();
        tile.close();
    }
}
