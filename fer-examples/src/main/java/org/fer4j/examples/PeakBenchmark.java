// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fer4j.core.Progress;

/**
 * The machine's achievable arithmetic through the same engine the networks run on: a 2048 x 2048 matrix
 * product (PyTorch's GEMM) and a 3x3 convolution of 256 channels at 12x12, batch 64 (oneDNN, which runs the
 * networks' convolutions and on this AMD CPU beats the GEMM); the fp32 peak is the faster of the two. A bf16
 * product is measured where the CPU has bf16 dot-product instructions. Training and inference rows are
 * reported as a fraction of the fp32 peak.
 *
 * <p>The bf16 product runs in a JVM of its own: DJL's PyTorch engine (0.32 and 0.36) aborts the whole
 * process with "terminate called without an active exception" when it creates a bfloat16 array, and the
 * row should say so, not take the benchmark down with it.
 */
final class PeakBenchmark {

    private static final int N = 2048;
    private static final int WARMUP = 3;
    private static final int REPEATS = 20;

    private PeakBenchmark() {}

    /**
     * The measured peaks.
     *
     * @param fp32 the fp32 peak, GFLOP/s
     * @param bf16 the bf16 peak, GFLOP/s, or 0 when it was not measured
     * @param bf16Note why the bf16 peak was not measured, or null when it was
     */
    record Peaks(double fp32, double bf16, String bf16Note) {}

    /** Measures the peaks, reporting progress; the bf16 product runs only where {@link #hasBf16()}. */
    static Peaks measure(Progress progress) throws IOException, InterruptedException {
        double fp32 = Math.max(gflops(DataType.FLOAT32, progress), convolutionGflops(progress));
        if (!hasBf16()) {
            return new Peaks(fp32, 0, "the CPU has no avx512_bf16/amx_bf16");
        }
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "false"),
                "-cp",
                System.getProperty("java.class.path"),
                PeakBenchmark.class.getName());
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        int code = p.waitFor();
        if (code != 0 || out.isEmpty()) {
            return new Peaks(fp32, 0, "the engine aborted on bfloat16 arrays (exit code " + code + ")");
        }
        return new Peaks(fp32, Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1)), null);
    }

    /**
     * Prints the bf16 peak in GFLOP/s (run by {@link #measure} in a JVM of its own).
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println(gflops(DataType.BFLOAT16, Progress.NONE));
    }

    /** The table rows of the peaks. */
    static List<BenchmarkRow> rows(Peaks peaks) {
        List<BenchmarkRow> rows = new ArrayList<>();
        rows.add(BenchmarkRow.of(
                "peak: fp32, the faster of a " + N + "x" + N + " matrix product and a 3x3"
                        + " convolution (256 channels, 12x12, batch 64) through the engine",
                peaks.fp32(),
                "GFLOP/s"));
        if (peaks.bf16Note() == null) {
            rows.add(BenchmarkRow.of(
                    "peak: bf16 matrix product " + N + "x" + N + " through the engine", peaks.bf16(), "GFLOP/s"));
        } else {
            rows.add(new BenchmarkRow("peak: bf16 matrix product (" + peaks.bf16Note() + ")", "not measured", ""));
        }
        return rows;
    }

    /**
     * Returns a row of the arithmetic rate a measured throughput stands for, and its share of the fp32 peak.
     *
     * @param what the measured row's description
     * @param perSecond images (or faces) per second
     * @param flopsPerItem floating-point operations per image (2 per multiply-add)
     * @param peaks the machine's peaks
     */
    static BenchmarkRow achieved(String what, double perSecond, double flopsPerItem, Peaks peaks) {
        double gflops = perSecond * flopsPerItem / 1e9;
        return BenchmarkRow.of(
                String.format(Locale.ROOT, "%s: achieved (%.0f%% of the fp32 peak)", what, 100 * gflops / peaks.fp32()),
                gflops,
                "GFLOP/s");
    }

    /** Whether this CPU has bf16 dot-product instructions (Linux /proc/cpuinfo flags). */
    static boolean hasBf16() {
        try {
            return hasBf16(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean hasBf16(String cpuinfo) {
        for (String line : cpuinfo.lines().toList()) {
            if (line.startsWith("flags")) {
                List<String> flags =
                        List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
            }
        }
        return false;
    }

    private static double convolutionGflops(Progress progress) {
        Shape padding = new Shape(1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in = m.randomUniform(-1, 1, new Shape(64, 256, 12, 12));
            NDArray weight = m.randomUniform(-1, 1, new Shape(256, 256, 3, 3));
            long start = 0;
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                if (i == WARMUP) {
                    start = System.nanoTime();
                }
                try (NDList out = Conv2d.conv2d(in, weight, null, new Shape(1, 1), padding)) {
                    out.singletonOrThrow().get(0, 0, 0, 0).getFloat();
                }
                progress.update("peak, fp32 convolution", i + 1, WARMUP + REPEATS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * 64 * 12 * 12 * 256 * 256 * 9 * REPEATS / seconds / 1e9;
        }
    }

    private static double gflops(DataType type, Progress progress) {
        String stage = "peak, " + (type == DataType.FLOAT32 ? "fp32" : "bf16") + " matrix product";
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(N, N)).toType(type, false);
            NDArray b = m.randomUniform(-1, 1, new Shape(N, N)).toType(type, false);
            long start = 0;
            for (int i = 0; i < WARMUP + REPEATS; i++) {
                if (i == WARMUP) {
                    start = System.nanoTime();
                }
                try (NDArray c = a.matMul(b)) {
                    // Reading one value waits for the product without copying it out.
                    c.get(0, 0).toType(DataType.FLOAT32, false).getFloat();
                }
                progress.update(stage, i + 1, WARMUP + REPEATS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * N * N * N * REPEATS / seconds / 1e9;
        }
    }
}
