// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.NetworkCost;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fer benchmark}: training throughput, inference latency and throughput, and camera FPS in one table. */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measure training images/s, inference latency and throughput, memory, and camera FPS.")
final class BenchmarkCommand implements Callable<Integer> {

    /** The seven emotions the benchmarked networks classify. */
    private static final int CLASSES = 7;

    @Option(names = "--model", description = "Model folder (default: the bundled model).")
    Path model;

    @Option(
            names = "--data",
            description =
                    "Dataset root for the end-to-end training measurement (default: $FER_DATA; skipped if unset).")
    Path data;

    @Option(
            names = "--predictions",
            defaultValue = "100000",
            description = "Predictions for the memory check (default: ${DEFAULT-VALUE}).")
    int predictions;

    @Option(
            names = "--output",
            defaultValue = "benchmarks.json",
            description = "JSON file for the results (default: ${DEFAULT-VALUE}).")
    Path output;

    /** The groups of measurements that {@code --only} selects. */
    enum Part {
        /** Training images/s, compute only and (with data) end to end. */
        TRAINING,
        /** Latency, throughput and the memory soak. */
        INFERENCE,
        /** Frames/s of the camera loop. */
        CAMERA
    }

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "PART",
            description = "Run only these parts: ${COMPLETION-CANDIDATES} (default: all).")
    Set<Part> only;

    @Option(
            names = "--camera-soak",
            paramLabel = "MINUTES",
            defaultValue = "0",
            description = "Also run the camera on a looped 4-face video for this many minutes and report whether"
                    + " resident memory stays flat (default: ${DEFAULT-VALUE}, no soak).")
    int cameraSoakMinutes;

    @Override
    public Integer call() throws Exception {
        // Before the measurements: bad settings would throw their minutes away.
        Optional<String> unusable = predictions < 1
                ? Optional.of("--predictions must be at least 1, got " + predictions)
                : cameraSoakMinutes < 0
                        ? Optional.of("--camera-soak must be 0 or more minutes, got " + cameraSoakMinutes)
                        : PathClashes.unusableOutputFile("--output", output);
        if (unusable.isPresent()) {
            System.err.println("fer benchmark: " + unusable.get());
            return 2;
        }
        Set<Part> parts = only == null ? EnumSet.allOf(Part.class) : only;
        List<BenchmarkRow> rows = new ArrayList<>();
        String arch;
        try (EmotionClassifier probe = load(TestTimeAugmentation.NONE)) {
            arch = probe.info().architecture();
        }
        Set<String> archs = new LinkedHashSet<>(List.of("seed", arch));
        Path root = data != null ? data : System.getenv("FER_DATA") == null ? null : Path.of(System.getenv("FER_DATA"));
        Path work = Files.createTempDirectory("fer-benchmark");
        try (ConsoleProgress progress = new ConsoleProgress()) {
            // The machine's own peak first: every throughput below is also shown as a share of it.
            PeakBenchmark.Peaks peaks = PeakBenchmark.measure(progress);
            rows.addAll(PeakBenchmark.rows(peaks));
            for (String a : parts.contains(Part.TRAINING) ? archs : Set.<String>of()) {
                String label = "training, compute only, " + a + ", batch 128";
                double rate = TrainingBenchmark.computeOnly(a, 128, 5, 40, progress);
                rows.add(BenchmarkRow.of(label, rate, "images/s"));
                rows.add(trainingAchieved(label, rate, a, peaks));
            }
            if (root != null && parts.contains(Part.TRAINING)) {
                for (String a : archs) {
                    progress.endStage();
                    System.err.println("training end to end, " + a + ": decoding " + root + " first");
                    List<BenchmarkRow> run = TrainingBenchmark.endToEnd(
                            root, a, 128, Files.createTempDirectory(work, "train"), progress);
                    rows.add(run.get(0));
                    rows.add(trainingAchieved(
                            run.get(0).benchmark(), ((Number) run.get(0).value()).doubleValue(), a, peaks));
                    rows.addAll(run.subList(1, run.size()));
                }
            }
            // The memory check runs its full length once, on the costliest views; the others run shorter.
            List<TestTimeAugmentation> views = parts.contains(Part.INFERENCE)
                    ? List.of(TestTimeAugmentation.TEN_CROP, TestTimeAugmentation.FLIP, TestTimeAugmentation.NONE)
                    : List.of();
            for (TestTimeAugmentation t : views) {
                try (EmotionClassifier fer = load(t)) {
                    double flopsPerFace = 2.0
                            * NetworkCost.multiplyAdds(
                                    fer.info().architecture(), fer.labels().size())
                            * t.passes();
                    for (BenchmarkRow r : InferenceBenchmark.run(
                            fer, t == views.get(0) ? predictions : Math.min(predictions, 10_000), progress)) {
                        rows.add(r);
                        if (r.benchmark().startsWith("batch-64 throughput")) {
                            rows.add(PeakBenchmark.achieved(
                                    r.benchmark(), ((Number) r.value()).doubleValue(), flopsPerFace, peaks));
                        }
                    }
                }
            }
            if (parts.contains(Part.CAMERA)) {
                progress.endStage();
                System.err.println(
                        "camera loop 640x480: 300 frames per row, in a JVM of its own with one PyTorch thread");
                rows.addAll(CameraBenchmark.inChildJvm(model, work, 0));
            }
            if (cameraSoakMinutes > 0) {
                progress.endStage();
                System.err.println("camera soak: " + cameraSoakMinutes + " minutes on a looped 4-face video, in a JVM"
                        + " of its own with one PyTorch thread");
                rows.addAll(CameraBenchmark.inChildJvm(model, work, cameraSoakMinutes));
            }
        } finally {
            deleteTree(work);
        }
        int width = rows.stream().mapToInt(r -> r.benchmark().length()).max().orElse(0);
        String format = "%-" + Math.max(9, width) + "s %12s  %s%n";
        System.out.printf(format, "benchmark", "value", "unit");
        for (BenchmarkRow r : rows) {
            System.out.printf(Locale.ROOT, format, r.benchmark(), r.valueText(), r.unit());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        json.put("pytorchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        json.put("glibcTunables", String.valueOf(System.getenv("GLIBC_TUNABLES")));
        json.put("ldPreload", String.valueOf(System.getenv("LD_PRELOAD")));
        json.put("rows", rows);
        Path folder = output.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), json);
        System.out.println("Written to " + output);
        return 0;
    }

    /** The GFLOP/s row of a training rate: a step costs a forward pass and a backward pass of about twice it. */
    private static BenchmarkRow trainingAchieved(
            String label, double imagesPerSecond, String architecture, PeakBenchmark.Peaks peaks) {
        return PeakBenchmark.achieved(
                label + ", 3 forward passes of arithmetic per image",
                imagesPerSecond,
                3 * 2.0 * NetworkCost.multiplyAdds(architecture, CLASSES),
                peaks);
    }

    /** Deletes the benchmark's scratch folder (the camera's videos, the end-to-end run's checkpoints). */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private EmotionClassifier load(TestTimeAugmentation views) throws Exception {
        ClassifierOptions o = ClassifierOptions.defaults().withTestTimeAugmentation(views);
        return model == null ? EmotionClassifier.loadDefault(o) : EmotionClassifier.load(model, o);
    }
}
