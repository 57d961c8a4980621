package org.fer4j.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the app under the glibc allocator settings that make PyTorch on the CPU fast.
 *
 * <p>glibc returns large freed buffers to the kernel and faults them in again on every training
 * step, which slows DJL training (docs/benchmarks.md has the figures). The tunables must be set before the JVM
 * starts, so on Linux without {@code GLIBC_TUNABLES} the app starts itself once more with them set.
 * Set {@code FER_NO_RELAUNCH=1} to skip this.
 */
final class Launcher {

    static final String TUNABLES = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295";

    private Launcher() {
    }

    static void relaunchWithAllocatorSettings(String[] args) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || System.getenv("GLIBC_TUNABLES") != null
                || System.getenv("FER_NO_RELAUNCH") != null) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(FerApp.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("GLIBC_TUNABLES", TUNABLES);
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
