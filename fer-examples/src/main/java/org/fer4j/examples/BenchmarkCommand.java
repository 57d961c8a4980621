package org.fer4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.InferenceBenchmark;
import org.fer4j.training.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fer benchmark}: training throughput, inference latency and throughput, and camera FPS in one table. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure training images/s, inference latency and throughput, memory, and camera FPS.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model folder (default: the bundled model).")
    Path model;

    @Option(names = "--data", description = "Dataset root for the end-to-end training measurement (default: $FER_DATA; skipped if unset).")
    Path data;

    @Option(names = "--predictions", defaultValue = "100000", description = "Predictions for the memory check (default: ${DEFAULT-VALUE}).")
    int predictions;

    @Option(names = "--output", defaultValue = "benchmarks.json", description = "JSON file for the results (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        String arch;
        try (EmotionClassifier probe = load(false)) {
            arch = probe.info().architecture();
        }
        java.util.Set<String> archs = new java.util.LinkedHashSet<>(List.of("seed", arch));
        for (String a : archs) {
            rows.add(row("training, compute only, " + a + ", batch 128",
                    TrainingBenchmark.computeOnly(a, 128, 5, 40), "images/s"));
        }
        Path root = data != null ? data : System.getenv("FER_DATA") == null ? null : Path.of(System.getenv("FER_DATA"));
        if (root != null) {
            for (String a : archs) {
                rows.add(row("training, end to end (one epoch of " + root + "), " + a + ", batch 128",
                        TrainingBenchmark.endToEnd(root, a, 128), "images/s"));
            }
        }
        for (boolean flip : new boolean[] {true, false}) {
            try (EmotionClassifier fer = load(flip)) {
                rows.addAll(InferenceBenchmark.run(fer, flip ? predictions : Math.min(predictions, 10_000)));
            }
        }
        Path work = Files.createTempDirectory("fer-benchmark");
        for (CameraBenchmark.Row r : CameraBenchmark.inChildJvm(model, work)) {
            rows.add(row(r.name(), r.fps(), "frames/s"));
        }
        System.out.printf("%-80s %12s  %s%n", "benchmark", "value", "unit");
        for (Map<String, Object> r : rows) {
            System.out.printf(Locale.ROOT, "%-80s %12.2f  %s%n", r.get("benchmark"), ((Number) r.get("value")).doubleValue(),
                    r.get("unit"));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
        json.put("pytorchThreads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        json.put("glibcTunables", String.valueOf(System.getenv("GLIBC_TUNABLES")));
        json.put("ldPreload", String.valueOf(System.getenv("LD_PRELOAD")));
        json.put("rows", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), json);
        System.out.println("Written to " + output);
        return 0;
    }

    private EmotionClassifier load(boolean flip) throws Exception {
        ClassifierOptions o = ClassifierOptions.builder().optFlipAveraging(flip).build();
        return model == null ? EmotionClassifier.loadDefault(o) : EmotionClassifier.load(model, o);
    }

    private static Map<String, Object> row(String name, double value, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", name);
        m.put("value", Math.round(value * 100) / 100.0);
        m.put("unit", unit);
        return m;
    }
}
