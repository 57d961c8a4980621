// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts the app under the glibc allocator settings that make PyTorch on the CPU fast.
 *
 * <p>glibc returns large freed buffers to the kernel and faults them in again on every training
 * step, which slows DJL training (docs/benchmarks.md has the figures). Allocator settings must be in
 * place before the JVM starts, so on Linux the app starts itself once more with them: tcmalloc
 * preloaded when the system has it (the fastest measured), and glibc's tunables in any case; the
 * serial garbage collector unless the command line names one.
 * Set {@code FER_NO_RELAUNCH=1} to skip this.
 */
final class Launcher {

    static final String TUNABLES = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295";
    /** Where Debian, Ubuntu and Fedora put tcmalloc (packages libtcmalloc-minimal4, gperftools-libs). */
    private static final List<String> TCMALLOC = List.of(
            "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
            "/usr/lib64/libtcmalloc_minimal.so.4", "/usr/lib/libtcmalloc_minimal.so.4");
    /** Set in the relaunched JVM so it does not relaunch again. */
    private static final String MARKER = "FER_ALLOCATOR_SET";

    private Launcher() {}

    static void relaunchWithAllocatorSettings(String[] args) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || System.getenv(MARKER) != null
                || System.getenv("FER_NO_RELAUNCH") != null) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvmOptions);
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            // The work is native; G1 sized the heap for throughput and `fer evaluate` peaked 200 MiB
            // higher with it than with the serial collector (docs/benchmarks.md).
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FerApp.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(MARKER, "1");
        pb.environment().putIfAbsent("GLIBC_TUNABLES", TUNABLES);
        TCMALLOC.stream()
                .filter(f -> java.nio.file.Files.isReadable(Path.of(f)))
                .findFirst()
                .ifPresent(lib -> {
                    String preload = pb.environment().get("LD_PRELOAD");
                    if (preload == null || !preload.contains("tcmalloc")) {
                        pb.environment()
                                .put("LD_PRELOAD", preload == null || preload.isBlank() ? lib : lib + ":" + preload);
                    }
                });
        try {
            Process p = pb.start();
            // A signal to this JVM is passed on (SIGTERM) so the child finishes its bookkeeping; then wait for it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                p.destroy();
                waitQuietly(p);
            }));
            System.exit(p.waitFor());
        } catch (IOException e) {
            System.err.println("fer: could not relaunch with allocator settings (" + e.getMessage()
                    + "); continuing without them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitQuietly(Process p) {
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
