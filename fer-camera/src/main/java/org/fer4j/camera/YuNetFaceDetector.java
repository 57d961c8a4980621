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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
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

    /**
     * Side, in network pixels, of the smallest face the pyramid plans for: a level at scale s is trusted with
     * faces of this size divided by s and up. Chosen on FER-2013 faces (tight crops without hair or outline,
     * a hard case: half of them are missed at 48 px) by fer-camera's {@code PyramidMeasurement}; see
     * docs/benchmarks.md.
     */
    static final int NET_MIN_FACE = 32;
    /** Largest scale step between two pyramid levels; YuNet's range (about 10 to 300 px) spans far more. */
    private static final double LEVEL_RATIO = 3;
    /** Largest scale a frame is enlarged to for small faces, bounding the cost of a tiny minimum face size. */
    private static final double MAX_UPSCALE = 4;
    /** Largest face, in NET_MIN_FACE units of network pixels, that a level finer than the first keeps. */
    private static final int FINE_MAX_FACE = 6;
    /** A known face at least this many times NET_MIN_FACE at the coarse level needs no fine look of its own. */
    private static final double NEAR_MARGIN = 1.5;
    /** A box this close (network pixels) to an inner tile edge counts as cut by it. */
    private static final double EDGE = 2;
    /** A box whose area lies this much inside a kept box is the same face. */
    private static final double CONTAINED = 0.6;

    private final FaceDetectorYN net;
    private final int maxInputSide;
    private final int minFaceSize;
    private final int netMinFace;
    private final float nmsThreshold;
    private final int refinePasses;
    private final Mat bgr = new Mat();
    private final Mat small = new Mat();
    private final Mat output = new Mat();
    private final Mat tile = new Mat();
    private final Mat upright = new Mat();
    private int inputWidth;
    private int inputHeight;
    private boolean closed;

    private YuNetFaceDetector(FaceDetectorYN net, int maxInputSide, int minFaceSize, float nmsThreshold,
            int refinePasses, int netMinFace) {
        this.net = net;
        this.netMinFace = netMinFace;
        this.maxInputSide = maxInputSide;
        this.minFaceSize = minFaceSize;
        this.nmsThreshold = nmsThreshold;
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
        List<Found> found = new ArrayList<>();
        double[] scales = scales(colour.cols(), colour.rows());
        for (int level = 0; level < scales.length; level++) {
            double ratio = level == 0 ? 1 : scales[level] / scales[level - 1];
            scanLevel(colour, scales[level], level == 0 ? 0 : overlap(ratio), found, null);
        }
        return refined(colour, merge(found, image.cols(), image.rows()));
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
        double[] scales = scales(colour.cols(), colour.rows());
        if (scales.length == 1) {
            return Optional.empty();
        }
        List<Found> found = new ArrayList<>();
        scanLevel(colour, scales[0], 0, found, null);
        double fine = scales[scales.length - 1];
        List<FaceBox> small = new ArrayList<>();
        for (FaceBox box : previous) {
            // Faces the coarse level finds reliably need no fine look of their own.
            if (Math.max(box.width(), box.height()) * scales[0] < netMinFace * NEAR_MARGIN) {
                small.add(box);
            }
        }
        if (!small.isEmpty()) {
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
            for (FaceBox box : small) {
                int x = nearest(xs, tw, (box.x() + box.width() / 2.0) * lw / colour.cols());
                int y = nearest(ys, th, (box.y() + box.height() / 2.0) * lh / colour.rows());
                wanted.add(((long) x << 32) | y);
            }
            scanLevel(colour, fine, overlap, found, (x, y) -> wanted.contains(((long) x << 32) | y));
        }
        return Optional.of(refined(colour, merge(found, image.cols(), image.rows())));
    }

    private Mat prepare(Mat image) {
        Objects.requireNonNull(image, "image");
        if (closed) {
            throw new IllegalStateException("This YuNetFaceDetector is closed");
        }
        if (image.empty()) {
            throw new IllegalArgumentException("Empty image");
        }
        return toBgr(image);
    }

    /**
     * The scales of the pyramid, coarse to fine: first the whole frame shrunk to {@code maxInputSide}
     * (or as it is, when smaller), which finds the large faces; then, when the smallest face asked for is
     * below what the network finds at that scale, finer levels up to the scale where a face of
     * {@code minFaceSize} reaches {@link #NET_MIN_FACE} network pixels, each at most {@link #LEVEL_RATIO}
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
     * most {@code ratio} times {@link #NET_MIN_FACE} here, and must fit wholly inside one tile.
     */
    private int overlap(double ratio) {
        return (int) Math.min(maxInputSide / 2, Math.ceil(netMinFace * ratio * 1.25));
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
    private void scanLevel(Mat colour, double scale, int overlap, List<Found> found, TileFilter filter) {
        // A finer level leaves the faces that are large at its scale to the coarser levels, where the network
        // boxes them better (a face of 180 px seen at 290 was boxed loosely); below that it keeps every face
        // it finds, as FER-2013 faces of 60 to 110 px are found more often at a finer scale.
        double maxSide = overlap == 0 ? Double.MAX_VALUE : Math.max(overlap, FINE_MAX_FACE * netMinFace);
        Mat level = colour;
        if (scale != 1) {
            try (Size size = new Size(Math.max(1, (int) Math.round(colour.cols() * scale)),
                    Math.max(1, (int) Math.round(colour.rows() * scale)))) {
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
                scanTile(level, 0, 0, sx, sy, false, false, false, false, maxSide, found);
            }
            return;
        }
        for (int y : ys) {
            for (int x : xs) {
                if (filter != null && !filter.wanted(x, y)) {
                    continue;
                }
                try (Rect r = new Rect(x, y, tw, th); Mat roi = level.apply(r)) {
                    // A contiguous copy: the network reads its input as one block.
                    roi.copyTo(tile);
                }
                scanTile(tile, x / sx, y / sy, sx, sy, x > 0, y > 0, x + tw < level.cols(), y + th < level.rows(),
                        maxSide, found);
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

    /**
     * Runs the network on one input and adds its faces in frame pixels: the input's pixel (u, v) is the
     * frame's (x0 + u / sx, y0 + v / sy); faces larger than {@code maxSide} input pixels are left out. Faces that touch an inner tile edge (one a neighbouring tile
     * overlaps) are marked, so a whole view of the face in the neighbour wins over the cut one.
     */
    private void scanTile(Mat input, double x0, double y0, double sx, double sy, boolean innerLeft, boolean innerTop,
            boolean innerRight, boolean innerBottom, double maxSide, List<Found> found) {
        setInputSize(input.cols(), input.rows());
        net.detect(input, output);
        Mat rows = output;
        if (rows.empty() || rows.rows() == 0) {
            return;
        }
        if (rows.cols() < COLUMNS) {
            throw new IllegalStateException("FaceDetectorYN returned " + rows.cols() + " values per face, expected "
                    + COLUMNS);
        }
        try (FloatIndexer v = rows.createIndexer()) {
            for (int i = 0; i < rows.rows(); i++) {
                double u = v.get(i, 0);
                double t = v.get(i, 1);
                double w = v.get(i, 2);
                double h = v.get(i, 3);
                if (Math.max(w, h) > maxSide) {
                    continue;
                }
                boolean cut = (innerLeft && u < EDGE) || (innerTop && t < EDGE)
                        || (innerRight && u + w > input.cols() - EDGE) || (innerBottom && t + h > input.rows() - EDGE);
                double[] values = new double[COLUMNS];
                for (int k = 0; k < 14; k++) {
                    values[k] = k % 2 == 0 ? x0 + v.get(i, k) / sx : y0 + v.get(i, k) / sy;
                }
                values[2] = w / sx;
                values[3] = h / sy;
                values[14] = Math.min(1, Math.max(0, v.get(i, 14)));
                found.add(new Found(values, cut));
            }
        }
    }

    /** A face as the network gave it, in frame pixels: x, y, w, h, five landmarks, score. */
    private record Found(double[] v, boolean cut) {
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

    /**
     * Keeps one box per face from all levels and tiles: whole views before views cut by a tile edge, then
     * higher scores first; a box overlapping a kept one above the NMS threshold, or lying mostly inside it
     * (a cut view, or the same face seen at two scales), is dropped. Boxes are clipped to the frame.
     */
    private List<FaceDetection> merge(List<Found> found, int frameWidth, int frameHeight) {
        found.sort(Comparator.comparing(Found::cut).thenComparing(Comparator.comparingDouble(Found::score).reversed()));
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
            // YuNet's boxes may reach past the frame for faces at its edge; keep the part inside.
            int left = (int) Math.max(0, Math.floor(v[0]));
            int top = (int) Math.max(0, Math.floor(v[1]));
            int right = (int) Math.min(frameWidth, Math.ceil(v[0] + v[2]));
            int bottom = (int) Math.min(frameHeight, Math.ceil(v[1] + v[3]));
            if (right - left < 1 || bottom - top < 1) {
                continue;
            }
            FaceLandmarks.Point[] p = new FaceLandmarks.Point[5];
            for (int k = 0; k < 5; k++) {
                p[k] = new FaceLandmarks.Point(v[4 + 2 * k], v[5 + 2 * k]);
            }
            faces.add(new FaceDetection(new FaceBox(left, top, right - left, bottom - top), f.score(),
                    Optional.of(new FaceLandmarks(p[0], p[1], p[2], p[3], p[4]))));
        }
        // Left to right, as the Haar detector lists them, so results come in a stable, readable order.
        faces.sort(Comparator.comparingInt((FaceDetection f) -> f.box().x()).thenComparingInt(f -> f.box().y()));
        return faces;
    }

    /** Gives tilted faces their second look (see {@link #refine}). */
    private List<FaceDetection> refined(Mat colour, List<FaceDetection> faces) {
        if (faces.stream().noneMatch(YuNetFaceDetector::tilted)) {
            return Collections.unmodifiableList(faces);
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
        net.detect(upright, output);
        FaceDetection best = null;
        double bestDistance = REFINE_MAX_OFFSET * n;
        for (FaceDetection d : faces(output, 1, 1, n, n)) {
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
            output.close();
            tile.close();
            upright.close();
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
            return new YuNetFaceDetector(net, maxInputSide, minFaceSize, nmsThreshold, refinePasses, netMinFace);
        }
    }
}
