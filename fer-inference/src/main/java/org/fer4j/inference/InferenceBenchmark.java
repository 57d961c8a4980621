package org.fer4j.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.core.Preprocessing;

/**
 * Measures a classifier: single-face latency, batch throughput, and resident memory before and after
 * many predictions (to show that nothing leaks). Each row is a map of named figures, printed as a table
 * by {@code fer benchmark}.
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {
    }

    /**
     * Runs the measurements on {@code classifier}.
     *
     * @param predictions how many images the memory check classifies (for example 100,000)
     * @param classifier the classifier to measure; the caller keeps ownership
     * @return rows with keys {@code benchmark}, {@code value}, {@code unit}
     */
    public static List<Map<String, Object>> run(EmotionClassifier classifier, int predictions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Random random = new Random(1);
        float[][] inputs = new float[64][Preprocessing.PIXELS];
        for (float[] in : inputs) {
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat();
            }
        }
        String tta = classifier.options().flipAveraging() ? " (flip averaging on)" : " (flip averaging off)";
        for (int i = 0; i < 50; i++) {
            classifier.predictInputs(List.of(inputs[i % 64]));
        }
        double[] ms = new double[300];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            classifier.predictInputs(List.of(inputs[i % 64]));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        rows.add(row("single-face latency, median" + tta, ms[ms.length / 2], "ms"));
        rows.add(row("single-face latency, p95" + tta, ms[(int) (ms.length * 0.95)], "ms"));

        List<float[]> batch = Arrays.asList(inputs);
        classifier.predictInputs(batch);
        long t = System.nanoTime();
        int batches = 40;
        for (int i = 0; i < batches; i++) {
            classifier.predictInputs(batch);
        }
        rows.add(row("batch-64 throughput" + tta, batches * 64 / ((System.nanoTime() - t) / 1e9), "images/s"));

        long before = residentKb();
        for (int done = 0; done < predictions; done += 64) {
            classifier.predictInputs(batch);
            if (done == predictions / 10) {
                before = residentKb();
            }
        }
        long after = residentKb();
        rows.add(row("resident memory after 10% of " + predictions + " predictions", before / 1024.0, "MiB"));
        rows.add(row("resident memory after all " + predictions + " predictions", after / 1024.0, "MiB"));
        return rows;
    }

    static Map<String, Object> row(String name, double value, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", name);
        m.put("value", Math.round(value * 100) / 100.0);
        m.put("unit", unit);
        return m;
    }

    /** Returns this process's resident set size in KiB from /proc, or -1 where there is none. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
