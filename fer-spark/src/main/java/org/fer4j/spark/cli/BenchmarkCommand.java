// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.spark.EmotionScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fer-spark benchmark}: the overhead of Spark, as one Markdown table. The same images are classified by
 * {@link EmotionClassifier#predictAll} in this JVM and by {@link EmotionScorer} on a local Spark master, both
 * with the model already loaded; with {@code --photos}, whole photos through {@link FaceAnalyzer} the same way.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = {
            "Time Spark's overhead: predictAll in one JVM against fer score's code on a local master.",
            "Run it on a quiet machine; prints a Markdown table."
        })
final class BenchmarkCommand implements Callable<Integer> {

    /** Files of the untimed warm-up on each side. */
    static final int WARM_UP = 64;

    @Option(
            names = "--faces",
            paramLabel = "DIR",
            description = "Folder of face crops, searched recursively " + "(the validation split: FER_DATA/test).")
    Path faces;

    @Option(names = "--photos", paramLabel = "DIR", description = "Folder of photos for the --detect row.")
    Path photos;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(
            names = "--partitions",
            split = ",",
            paramLabel = "N[,N...]",
            description = "Also time these partition counts (the photos are repartitioned first).")
    List<Integer> partitions = new ArrayList<>();

    @Option(
            names = "--tta",
            paramLabel = "none|flip|ten-crop",
            converter = ScoreCommand.TtaConverter.class,
            description = "Test-time augmentation of both sides (default: none, the cost of the network itself).")
    TestTimeAugmentation tta = TestTimeAugmentation.NONE;

    @Option(
            names = "--make-photos",
            paramLabel = "N",
            description =
                    "Compose N photos of 1-3 faces from the --faces folder (640x480, fixed seed) for the --detect row.")
    Integer makePhotos;

    @Option(
            names = "--one-jvm-only",
            hidden = true,
            description = "Internal: time the one-JVM side only and print its seconds.")
    boolean oneJvmOnly;

    @Override
    public Integer call() throws Exception {
        if (faces == null && photos == null) {
            System.err.println("fer benchmark: give --faces DIR, --photos DIR or both");
            return 2;
        }
        if (oneJvmOnly) {
            return oneJvm();
        }
        if (makePhotos != null) {
            if (faces == null || photos != null) {
                System.err.println(
                        "fer benchmark: --make-photos composes its photos from --faces and replaces --photos");
                return 2;
            }
            photos = Files.createTempDirectory("fer-benchmark-photos");
            composePhotos(list(faces), makePhotos, photos);
            System.err.println("fer benchmark: " + makePhotos + " photos in " + photos);
        }
        // The one-JVM side runs in a JVM of its own: PyTorch's thread count is fixed when its engine starts,
        // and Spark's side wants one thread per task where a lone JVM uses every core.
        Map<String, Double> single = oneJvmInChild();
        List<String> table = new ArrayList<>();
        table.add("| workload | files | partitions | one JVM (s) | Spark " + master + " (s) | Spark / one JVM |");
        table.add("|---|---:|---:|---:|---:|---:|");
        long t0 = System.nanoTime();
        // The session fer score makes, so the rows time what it does.
        try (SparkSession spark = ScoreCommand.packSmallFiles(SparkSession.builder())
                .master(master)
                .appName("fer benchmark")
                .config("spark.ui.enabled", "false")
                .getOrCreate()) {
            double startup = seconds(t0);
            EmotionScorer scorer =
                    EmotionScorer.builder().optTestTimeAugmentation(tta).build(spark);
            if (faces != null) {
                rows(
                        table,
                        spark,
                        "face crops (scoreImages vs predictAll)",
                        list(faces).size(),
                        single.get("faces"),
                        faces,
                        false,
                        scorer);
            }
            if (photos != null) {
                rows(
                        table,
                        spark,
                        "photos (scoreFaces vs FaceAnalyzer)",
                        list(photos).size(),
                        single.get("photos"),
                        photos,
                        true,
                        scorer);
            }
            System.out.println(String.format(
                    Locale.ROOT, "Spark session start-up: %.1f s; model loading: not timed on either side", startup));
        }
        table.forEach(System.out::println);
        return 0;
    }

    /** Writes {@code n} light grey 640x480 photos, each with one to three faces of 100-180 px side by side. */
    static void composePhotos(List<Path> faceFiles, int n, Path dir) throws IOException {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = photo.createGraphics();
            g.setColor(new java.awt.Color(200, 200, 200));
            g.fillRect(0, 0, 640, 480);
            int count = 1 + random.nextInt(3);
            for (int f = 0; f < count; f++) {
                BufferedImage face =
                        ImageDecoding.decode(Files.readAllBytes(faceFiles.get(random.nextInt(faceFiles.size()))));
                int size = 100 + random.nextInt(81);
                int x = f * 640 / count + random.nextInt(Math.max(1, 640 / count - size));
                g.drawImage(face, x, 60 + random.nextInt(480 - 60 - size), size, size, null);
            }
            g.dispose();
            javax.imageio.ImageIO.write(
                    photo,
                    "jpg",
                    dir.resolve(String.format(Locale.ROOT, "photo-%05d.jpg", i)).toFile());
        }
    }

    /** Times predictAll (and FaceAnalyzer) in this JVM and prints {@code faces=S} and {@code photos=S}. */
    private int oneJvm() throws Exception {
        try (EmotionClassifier fer =
                EmotionClassifier.loadDefault(ClassifierOptions.defaults().withTestTimeAugmentation(tta))) {
            if (faces != null) {
                List<Path> files = list(faces);
                List<BufferedImage> warm = new ArrayList<>();
                for (Path f : files.subList(0, Math.min(WARM_UP, files.size()))) {
                    warm.add(ImageDecoding.decode(Files.readAllBytes(f)));
                }
                fer.predictAll(warm);
                double s = time(() -> {
                    List<BufferedImage> batch = new ArrayList<>();
                    for (Path f : files) {
                        batch.add(ImageDecoding.decode(Files.readAllBytes(f)));
                        if (batch.size() == 64) {
                            fer.predictAll(batch);
                            batch.clear();
                        }
                    }
                    if (!batch.isEmpty()) {
                        fer.predictAll(batch);
                    }
                });
                System.out.println("faces=" + s);
            }
            if (photos != null) {
                List<Path> files = list(photos);
                try (YuNetFaceDetector detector = YuNetFaceDetector.create();
                        FaceAnalyzer analyzer = FaceAnalyzer.builder()
                                .setClassifier(fer)
                                .optDetector(detector)
                                .build()) {
                    for (Path f : files.subList(0, Math.min(WARM_UP, files.size()))) {
                        try {
                            analyzer.analyze(Files.readAllBytes(f));
                        } catch (IllegalArgumentException e) {
                            // Warm-up only.
                        }
                    }
                    double s = time(() -> {
                        for (Path f : files) {
                            try {
                                analyzer.analyze(Files.readAllBytes(f));
                            } catch (IllegalArgumentException e) {
                                // An error row on the Spark side: the same work, done.
                            }
                        }
                    });
                    System.out.println("photos=" + s);
                }
            }
        }
        return 0;
    }

    private Map<String, Double> oneJvmInChild() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                ScoreApp.class.getName(),
                "benchmark",
                "--one-jvm-only",
                "--tta",
                tta.id()));
        if (faces != null) {
            cmd.addAll(List.of("--faces", faces.toString()));
        }
        if (photos != null) {
            cmd.addAll(List.of("--photos", photos.toString()));
        }
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, Double> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int eq = line.indexOf('=');
                if (eq > 0 && (line.startsWith("faces=") || line.startsWith("photos="))) {
                    out.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("the one-JVM side failed (exit " + p.exitValue() + ")");
        }
        return out;
    }

    private void rows(
            List<String> table,
            SparkSession spark,
            String workload,
            int files,
            double single,
            Path dir,
            boolean detect,
            EmotionScorer scorer)
            throws Exception {
        // Untimed warm-up on up to 64 files (class loading, JIT, the first predictors), as on the one-JVM side.
        Dataset<Row> warm = spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(dir.toString())
                .limit(WARM_UP);
        (detect ? scorer.scoreFaces(warm) : scorer.scoreImages(warm))
                .write()
                .format("noop")
                .mode("overwrite")
                .save();
        List<Integer> counts = new ArrayList<>();
        counts.add(null);
        counts.addAll(partitions);
        for (Integer n : counts) {
            int[] parts = new int[1];
            double spk = time(() -> {
                Dataset<Row> in = spark.read()
                        .format("binaryFile")
                        .option("recursiveFileLookup", "true")
                        .load(dir.toString());
                if (n != null) {
                    in = in.repartition(n);
                }
                parts[0] = in.rdd().getNumPartitions();
                Dataset<Row> out = detect ? scorer.scoreFaces(in) : scorer.scoreImages(in);
                // The "noop" sink runs every task as a write would, without the disk.
                out.write().format("noop").mode("overwrite").save();
            });
            table.add(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %.1f | %.1f | %.2fx |",
                    workload,
                    files,
                    n == null ? parts[0] + " (as listed)" : String.valueOf(n),
                    single,
                    spk,
                    spk / single));
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** Work that may throw. */
    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return seconds(t);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
