package org.fer4j.camera;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;

/**
 * Measures end-to-end frames per second of {@link EmotionCamera} (decode, detect, classify, annotate)
 * on generated 640x480 videos showing 1 and 4 faces.
 *
 * <pre>{@code
 * java -Dai.djl.pytorch.num_threads=1 -cp ... org.fer4j.camera.CameraBenchmark \
 *     <model-dir> <face-images> [frames] [--no-flip]
 * }</pre>
 *
 * <p>The faces are pasted on a plain background; each row also reports how many faces the detector
 * found per frame, since a face it misses is not classified and would flatter the figure.
 */
public final class CameraBenchmark {

    /** Width of the generated videos. */
    public static final int WIDTH = 640;
    /** Height of the generated videos. */
    public static final int HEIGHT = 480;

    /**
     * One measurement.
     *
     * @param facesShown faces drawn in every frame
     * @param frames frames processed
     * @param facesFound mean faces found per frame
     * @param seconds wall time of the run
     * @param fps frames per second, end to end
     */
    public record Row(int facesShown, long frames, double facesFound, double seconds, double fps) {
    }

    private CameraBenchmark() {
    }

    /**
     * Writes a video of {@code frames} frames for 1 and for 4 faces into {@code workDir}, runs each once to
     * warm up and once timed with {@code classifier} and the default detector (YuNet), and returns the rows.
     *
     * @param faces face images to paste (at least one; reused in turn when fewer than 4)
     * @param classifier the classifier to measure; the caller keeps ownership
     * @param workDir the folder for the generated videos
     * @param frames the frames per video
     * @return one row per face count, 1 then 4
     * @throws IOException if a video cannot be written or read
     * @throws InterruptedException if interrupted while running
     */
    public static List<Row> run(EmotionClassifier classifier, List<BufferedImage> faces, Path workDir, int frames)
            throws IOException, InterruptedException {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("The benchmark needs at least one face image");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        Files.createDirectories(workDir);
        List<Row> rows = new ArrayList<>();
        for (int shown : new int[] {1, 4}) {
            List<SyntheticVideo.Placement> layout = layout(faces, shown);
            Path video = workDir.resolve("benchmark-" + shown + "-faces.mp4");
            SyntheticVideo.write(video, WIDTH, HEIGHT, 30, frames, i -> layout);
            measure(classifier, video, shown, Math.min(frames, 30));
            rows.add(measure(classifier, video, shown, Long.MAX_VALUE));
        }
        return rows;
    }

    private static List<SyntheticVideo.Placement> layout(List<BufferedImage> faces, int shown) {
        if (shown == 1) {
            return List.of(new SyntheticVideo.Placement(faces.get(0), 220, 140, 180));
        }
        int[][] at = {{30, 20}, {360, 30}, {40, 270}, {380, 280}};
        List<SyntheticVideo.Placement> out = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            out.add(new SyntheticVideo.Placement(faces.get(i % faces.size()), at[i][0], at[i][1], 170));
        }
        return out;
    }

    private static Row measure(EmotionClassifier classifier, Path video, int shown, long maxFrames)
            throws IOException, InterruptedException {
        long[] faces = new long[1];
        long start;
        long frames;
        try (EmotionCamera camera = EmotionCamera.builder().setSource(VideoSource.video(video))
                .setClassifier(classifier).build()) {
            start = System.nanoTime();
            frames = camera.run((result, frame) -> {
                faces[0] += result.faces().size();
                // Drawing is part of what an app pays per frame.
                frame.annotatedMat();
                if (result.frameIndex() + 1 >= maxFrames) {
                    camera.stop();
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Row(shown, frames, frames == 0 ? 0 : (double) faces[0] / frames, seconds,
                seconds == 0 ? 0 : frames / seconds);
    }

    /**
     * Returns the rows as a plain-text table.
     *
     * @param rows the measurements
     * @return the table text
     */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %7s %12s %9s %8s%n",
                "faces", "frames", "found/frame", "seconds", "FPS"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-6d %7d %12.2f %9.2f %8.1f%n", r.facesShown(), r.frames(),
                    r.facesFound(), r.seconds(), r.fps()));
        }
        return sb.toString();
    }

    /**
     * Runs the benchmark and prints the table: {@code <model-dir> <folder-of-face-images> [frames, default
     * 300] [--no-flip]}; {@code --no-flip} loads the classifier without flip averaging.
     *
     * @param args the model folder, the face image folder, then optionally the frame count and
     *     {@code --no-flip}
     * @throws Exception if the model, the images or a video cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean flip = !rest.remove("--no-flip");
        if (rest.size() < 2) {
            System.err.println("usage: CameraBenchmark <model-dir> <folder-of-face-images> [frames] [--no-flip]");
            System.exit(2);
        }
        int frames = rest.size() > 2 ? Integer.parseInt(rest.get(2)) : 300;
        List<BufferedImage> faces = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(rest.get(1)))) {
            for (Path f : files.filter(VideoSource::isImageName).sorted().limit(8).toList()) {
                BufferedImage image = ImageIO.read(f.toFile());
                if (image != null) {
                    faces.add(image);
                }
            }
        }
        Path work = Files.createTempDirectory("fer-camera-benchmark");
        ClassifierOptions options = ClassifierOptions.builder().optFlipAveraging(flip).build();
        try (EmotionClassifier classifier = EmotionClassifier.load(Path.of(rest.get(0)), options)) {
            List<Row> rows = run(classifier, faces, work, frames);
            System.out.printf(Locale.ROOT, "EmotionCamera end to end, %dx%d MPEG-4, %d processors, model %s,"
                    + " flip averaging %s, PyTorch threads %s%n", WIDTH, HEIGHT,
                    Runtime.getRuntime().availableProcessors(), rest.get(0), flip ? "on" : "off",
                    System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.print(table(rows));
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }
}
