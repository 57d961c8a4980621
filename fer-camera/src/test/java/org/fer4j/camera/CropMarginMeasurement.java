// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.modality.cv.output.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fer4j.camera.internal.Mats;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.GreyImage;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;

/**
 * The measurements behind {@link FaceCrops} (issue 12): where YuNet puts the landmarks of FER-2013 faces,
 * and which margin around that framing classifies best. Needs FER-2013 ({@code FER_DATA}, the dataset
 * root with {@code train/} and {@code test/}) and is not part of the suite (its name does not end in
 * Test); run it by hand:
 *
 * <pre>
 * FER_DATA=/path/to/fer2013 mvn -B -o -q -pl fer-camera -am test -Dtest=CropMarginMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>It prints its tables; docs/benchmarks.md records them.
 */
class CropMarginMeasurement {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final long SEED = 12;

    private static Path data() {
        String root = System.getenv("FER_DATA");
        assumeTrue(
                root != null && Files.isDirectory(Path.of(root, "test")),
                "FER_DATA is not set to a FER-2013 root with train/ and test/: measurement skipped");
        return Path.of(root);
    }

    /** A face file with its class index. */
    record Sample(Path file, int label) {}

    /** Takes {@code perClass} files of each class of {@code split} (all when fewer), drawn with a fixed seed. */
    static List<Sample> sample(Path split, int perClass) throws IOException {
        EmotionLabels labels = EmotionLabels.fer2013();
        List<Sample> out = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(split.resolve(labels.name(c)))) {
                files = new ArrayList<>(s.sorted().toList());
            }
            Collections.shuffle(files, new Random(SEED + c));
            for (Path f : files.subList(0, Math.min(perClass, files.size()))) {
                out.add(new Sample(f, c));
            }
        }
        Collections.shuffle(out, new Random(SEED));
        return out;
    }

    /** A light grey 640x480 frame with {@code p} drawn on it; the caller closes it. */
    static Mat frame(SyntheticVideo.Placement p) {
        Mat frame = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(200, 200, 200, 0));
        try (Mat face = Mats.fromImage(p.face());
                Mat scaled = new Mat()) {
            SyntheticVideo.draw(frame, p, face, scaled);
        }
        return frame;
    }

    /** Returns the detection overlapping {@code truth} most, if it reaches IoU 0.3, else null. */
    static FaceDetection match(List<FaceDetection> found, FaceBox truth) {
        FaceDetection best = null;
        for (FaceDetection f : found) {
            if (f.box().iou(truth) >= 0.3
                    && (best == null || f.box().iou(truth) > best.box().iou(truth))) {
                best = f;
            }
        }
        return best;
    }

    @Test
    void ferLandmarkTemplate() throws IOException {
        List<Sample> faces = sample(data().resolve("train"), 100);
        double[][] sum = new double[5][2];
        int found = 0;
        int size = 192;
        try (YuNetFaceDetector detector = YuNetFaceDetector.create()) {
            for (Sample s : faces) {
                BufferedImage img = ImageIO.read(s.file().toFile());
                SyntheticVideo.Placement p = new SyntheticVideo.Placement(img, 224, 144, size);
                try (Mat frame = frame(p)) {
                    FaceDetection d = match(detector.detect(frame), new FaceBox(224, 144, size, size));
                    if (d == null || d.landmarks().isEmpty()) {
                        continue;
                    }
                    found++;
                    Point[] pts = d.landmarks().get().points();
                    for (int k = 0; k < 5; k++) {
                        sum[k][0] += (pts[k].getX() - 224) / size;
                        sum[k][1] += (pts[k].getY() - 144) / size;
                    }
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT, "FER-2013 landmark template from %d of %d train faces:%n", found, faces.size()));
        for (int k = 0; k < 5; k++) {
            sb.append(String.format(Locale.ROOT, "{%.4f, %.4f}, ", sum[k][0] / found, sum[k][1] / found));
        }
        System.out.println(sb);
    }

    /**
     * Recall of YuNet by score threshold, face size and tilt: each test face drawn once on flat grey, with
     * the size and tilt taken in turn from the lists below; the detector keeps everything above 0.3.
     */
    @Test
    void detectorSettings() throws Exception {
        List<Sample> faces = sample(data().resolve("test"), 50);
        int[] sizes = {48, 72, 144, 288};
        double[] angles = {0, 10, -20, 30, 0};
        double[] thresholds = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        Random random = new Random(SEED);
        double[] best = new double[faces.size()];
        List<Double> falseScores = new ArrayList<>();
        try (YuNetFaceDetector detector =
                YuNetFaceDetector.builder().optScoreThreshold(0.3).build()) {
            for (int i = 0; i < faces.size(); i++) {
                BufferedImage img = ImageIO.read(faces.get(i).file().toFile());
                int size = sizes[i % sizes.length];
                double angle = angles[(i / sizes.length) % angles.length];
                int room = (int) Math.ceil(size * 0.21) + 1;
                int x = room + random.nextInt(Math.max(1, WIDTH - size - 2 * room));
                int y = room + random.nextInt(Math.max(1, HEIGHT - size - 2 * room));
                try (Mat frame = frame(new SyntheticVideo.Placement(img, x, y, size, angle))) {
                    List<FaceDetection> found = detector.detect(frame);
                    FaceDetection d = match(found, new FaceBox(x, y, size, size));
                    best[i] = d == null ? 0 : d.score();
                    List<FaceDetection> others = new ArrayList<>(found);
                    others.remove(d);
                    for (FaceDetection f : others) {
                        falseScores.add(f.score());
                    }
                }
            }
        }
        StringBuilder head = new StringBuilder("| score threshold | all |");
        for (int size : sizes) {
            head.append(" ").append(size).append(" px |");
        }
        for (double angle : new double[] {0, 10, 20, 30}) {
            head.append(" ").append((int) angle).append(" deg |");
        }
        System.out.println(head.append(" false faces |"));
        for (double t : thresholds) {
            int[] hit = new int[1 + sizes.length + 4];
            int[] n = new int[hit.length];
            for (int i = 0; i < faces.size(); i++) {
                int sizeCol = 1 + i % sizes.length;
                int angleCol =
                        1 + sizes.length + (int) Math.round(Math.abs(angles[(i / sizes.length) % angles.length]) / 10);
                for (int col : new int[] {0, sizeCol, angleCol}) {
                    n[col]++;
                    if (best[i] >= t) {
                        hit[col]++;
                    }
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.1f |", t));
            for (int c = 0; c < hit.length; c++) {
                row.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * hit[c] / n[c]));
            }
            System.out.println(row.append(" ")
                    .append(falseScores.stream().filter(f -> f >= t).count())
                    .append(" |"));
        }
    }

    /**
     * Picks the faces bundled for {@code DetectionOnVideoTest}: a simple random sample of the test split
     * (fixed seed, all classes pooled, so classes come in the split's proportions), keeping the first 30
     * that YuNet finds upright at 144 px on flat grey; prints the names and how many were passed over.
     */
    @Test
    void pickVideoFaces() throws Exception {
        Path test = data().resolve("test");
        EmotionLabels labels = EmotionLabels.fer2013();
        List<Path> all = new ArrayList<>();
        for (String name : labels.names()) {
            try (Stream<Path> s = Files.list(test.resolve(name))) {
                s.forEach(all::add);
            }
        }
        Collections.sort(all);
        Collections.shuffle(all, new Random(SEED));
        List<String> kept = new ArrayList<>();
        int passedOver = 0;
        try (YuNetFaceDetector detector = YuNetFaceDetector.create()) {
            for (Path f : all) {
                if (kept.size() == 30) {
                    break;
                }
                BufferedImage img = ImageIO.read(f.toFile());
                try (Mat frame = frame(new SyntheticVideo.Placement(img, 248, 168, 144))) {
                    if (match(detector.detect(frame), new FaceBox(248, 168, 144, 144)) != null) {
                        kept.add(f.getParent().getFileName() + "/" + f.getFileName());
                    } else {
                        passedOver++;
                    }
                }
            }
        }
        System.out.println("Passed over " + passedOver + "; kept " + kept);
    }

    /**
     * How well the eye line follows a turned face, without and with the detector's second look at tilted
     * faces: each of 84 test faces (12 per class) drawn at 192 px upright and turned; the error is how far
     * the change in roll misses the turn, in degrees (mean of absolute values).
     */
    @Test
    void tiltRefinement() throws Exception {
        List<Sample> faces = sample(data().resolve("test"), 12);
        double[] angles = {10, 20, 30, -20};
        System.out.println("| second looks | 10 deg | 20 deg | 30 deg | -20 deg |");
        for (int passes = 0; passes <= 2; passes++) {
            double[] error = new double[angles.length];
            int[] n = new int[angles.length];
            try (YuNetFaceDetector detector =
                    YuNetFaceDetector.builder().refinePasses(passes).build()) {
                for (Sample s : faces) {
                    BufferedImage img = ImageIO.read(s.file().toFile());
                    Double upright = roll(detector, img, 0);
                    for (int a = 0; a < angles.length && upright != null; a++) {
                        Double turned = roll(detector, img, angles[a]);
                        if (turned != null) {
                            error[a] += Math.abs(turned - upright + angles[a]);
                            n[a]++;
                        }
                    }
                }
            }
            StringBuilder row = new StringBuilder("| " + passes + " |");
            for (int a = 0; a < angles.length; a++) {
                row.append(String.format(Locale.ROOT, " %.1f (%d faces) |", error[a] / n[a], n[a]));
            }
            System.out.println(row);
        }
    }

    private static Double roll(YuNetFaceDetector detector, BufferedImage img, double degrees) {
        try (Mat frame = frame(new SyntheticVideo.Placement(img, 224, 144, 192, degrees))) {
            FaceDetection d = match(detector.detect(frame), new FaceBox(224, 144, 192, 192));
            return d == null ? null : d.landmarks().orElseThrow().rollDegrees();
        }
    }

    /** Faces on a flat light grey frame: a crop looser than the face shows flat grey bands. */
    @Test
    void marginSweepOnFlatBackground() throws Exception {
        sweep(false);
    }

    /**
     * Faces whose edge pixels are smeared outwards by a quarter of their size first (edge replication), so
     * a crop looser than the FER-2013 framing shows something like the picture around the face rather than
     * flat grey bands that no training crop has.
     */
    @Test
    void marginSweepWithSurround() throws Exception {
        sweep(true);
    }

    private static BufferedImage surround(BufferedImage face) {
        int pad = face.getWidth() / 4;
        try (Mat m = Mats.fromImage(face);
                Mat padded = new Mat()) {
            copyMakeBorder(m, padded, pad, pad, pad, pad, BORDER_REPLICATE);
            return Mats.toImage(padded);
        }
    }

    private static void sweep(boolean withSurround) throws Exception {
        List<Sample> faces = sample(data().resolve("test"), 50);
        int[] sizes = {72, 144, 288};
        double[] angles = {0, 0, 15, -25};
        double[] alignedMargins = {-0.1, -0.05, 0, 0.05, 0.1, 0.2};
        double[] boxMargins = {0, 0.05, 0.1, 0.2};
        Random random = new Random(SEED);
        List<int[]> truth = new ArrayList<>(); // label, rotated (0/1)
        List<GreyImage> reference = new ArrayList<>();
        List<List<GreyImage>> aligned = new ArrayList<>();
        List<List<GreyImage>> boxed = new ArrayList<>();
        for (int m = 0; m < alignedMargins.length; m++) {
            aligned.add(new ArrayList<>());
        }
        for (int m = 0; m < boxMargins.length; m++) {
            boxed.add(new ArrayList<>());
        }
        int missed = 0;
        int falseFaces = 0;
        double[] framing = new double[3];
        double scoreSum = 0;
        int[] missedBy = new int[2];
        int[] shownBy = new int[2];
        try (EmotionClassifier classifier = EmotionClassifier.loadDefault(
                        ClassifierOptions.defaults().withMaxConcurrency(1));
                YuNetFaceDetector detector = YuNetFaceDetector.create()) {
            for (int i = 0; i < faces.size(); i++) {
                Sample s = faces.get(i);
                BufferedImage img = ImageIO.read(s.file().toFile());
                int size = sizes[i % sizes.length];
                double angle = angles[(i / sizes.length) % angles.length];
                int room = (int) Math.ceil(size * 0.21) + 1; // a turned square reaches out by up to 21%
                int x = room + random.nextInt(Math.max(1, WIDTH - size - 2 * room));
                int y = room + random.nextInt(Math.max(1, HEIGHT - size - 2 * room));
                int rotated = angle == 0 ? 0 : 1;
                shownBy[rotated]++;
                FaceBox box = new FaceBox(x, y, size, size);
                // With a surround, the padded image is drawn larger so the face itself covers the same square.
                SyntheticVideo.Placement placement = withSurround
                        ? new SyntheticVideo.Placement(surround(img), x - size / 4, y - size / 4, size * 3 / 2, angle)
                        : new SyntheticVideo.Placement(img, x, y, size, angle);
                try (Mat frame = frame(placement)) {
                    List<FaceDetection> found = detector.detect(frame);
                    FaceDetection d = match(found, box);
                    falseFaces += found.size() - (d == null ? 0 : 1);
                    if (d == null || d.landmarks().isEmpty()) {
                        missed++;
                        missedBy[rotated]++;
                        continue;
                    }
                    scoreSum += d.score();
                    FaceCrops.Square q = FaceCrops.alignedSquare(d.landmarks().get(), 0);
                    framing[0] += q.side() / size;
                    framing[1] += (q.centreX() - (x + size / 2.0)) / size;
                    framing[2] += (q.centreY() - (y + size / 2.0)) / size;
                    truth.add(new int[] {s.label(), rotated});
                    reference.add(GreyImage.of(img));
                    for (int m = 0; m < alignedMargins.length; m++) {
                        aligned.get(m)
                                .add(FaceCrops.aligned(frame, d.landmarks().get(), alignedMargins[m]));
                    }
                    for (int m = 0; m < boxMargins.length; m++) {
                        boxed.get(m).add(FaceCrops.boxCrop(frame, d.box(), boxMargins[m]));
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d faces (%d upright, %d turned): %d missed (%d upright, %d turned), "
                            + "%d false faces, mean score %.3f%n",
                    faces.size(),
                    shownBy[0],
                    shownBy[1],
                    missed,
                    missedBy[0],
                    missedBy[1],
                    falseFaces,
                    scoreSum / truth.size());
            System.out.printf(
                    Locale.ROOT,
                    "%s. Aligned square at margin 0 against the drawn face: side %.3f, "
                            + "centre offset (%.3f, %.3f) of its size (means)%n",
                    withSurround ? "Faces with a smeared surround" : "Faces on flat grey",
                    framing[0] / truth.size(),
                    framing[1] / truth.size(),
                    framing[2] / truth.size());
            System.out.println("| crop | margin | upright | turned | all |");
            System.out.println("|---|---|---|---|---|");
            row("original 48x48 crop (no detection)", "-", classifier, reference, truth);
            for (int m = 0; m < alignedMargins.length; m++) {
                row("aligned (landmarks)", String.valueOf(alignedMargins[m]), classifier, aligned.get(m), truth);
            }
            for (int m = 0; m < boxMargins.length; m++) {
                row("YuNet box, not turned", String.valueOf(boxMargins[m]), classifier, boxed.get(m), truth);
            }
        }
    }

    private static void row(
            String crop, String margin, EmotionClassifier classifier, List<GreyImage> crops, List<int[]> truth) {
        List<EmotionPrediction> p = classifier.predictGrey(crops);
        int[] right = new int[2];
        int[] n = new int[2];
        for (int i = 0; i < p.size(); i++) {
            int[] t = truth.get(i);
            n[t[1]]++;
            if (p.get(i).labels().indexOf(p.get(i).label()) == t[0]) {
                right[t[1]]++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "| %s | %s | %.1f%% | %.1f%% | %.1f%% |%n",
                crop,
                margin,
                100.0 * right[0] / n[0],
                100.0 * right[1] / n[1],
                100.0 * (right[0] + right[1]) / (n[0] + n[1]));
    }
}
