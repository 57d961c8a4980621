// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code fer-spark.jar} again with Spark on the class path and the JVM options Spark needs on Java 17,
 * when it was started without them ({@code java -jar fer-spark.jar}, or by {@code fer score}).
 *
 * <p>The jar's manifest lists only {@code lib/}: Spark is a provided dependency, which spark-submit brings on a
 * cluster, and a manifest cannot name a second folder of jars by wildcard. For the embedded run Spark's jars
 * are in {@code spark-lib/} beside the jar; this adds them, and the {@code --add-opens} options that Spark's
 * own launcher would pass, so no user ever types them.
 */
final class SparkJvm {

    /** The opens Spark 4 needs on Java 17: the list Spark's launcher passes (JavaModuleOptions). */
    static final List<String> OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");
    /** Keeps glibc from returning tensor buffers to the kernel every batch (docs/benchmarks.md), as the fer app does. */
    static final String TUNABLES = "glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967295";
    /** Set in the started JVM, so it never starts another. */
    private static final String MARKER = "FER_SPARK_JVM";

    private SparkJvm() {}

    /** Whether Spark's classes can be loaded here. */
    static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, SparkJvm.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Runs the command in a JVM with Spark and its options, and returns its exit code; empty when this JVM
     * should go on itself (Spark is here, or this already is that JVM).
     *
     * @throws IOException if Spark is missing and there is no spark-lib/ to add, or the JVM cannot start
     */
    static Optional<Integer> relaunchIfNeeded(String[] args) throws IOException, InterruptedException {
        if (sparkPresent() || System.getenv(MARKER) != null) {
            return Optional.empty();
        }
        Path jar;
        try {
            jar = Path.of(SparkJvm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where fer-spark.jar is (" + e.getMessage() + ")", e);
        }
        Path home = jar.getParent();
        Path sparkLib = home.resolve("spark-lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(sparkLib)) {
            throw new IOException(
                    "Apache Spark is not on the class path and " + sparkLib + " is missing: build it with "
                            + "`mvn -pl fer-spark -am package -DskipTests`, or run fer-spark.jar under spark-submit");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The user's own JVM options (-Xmx, -D...) carry over.
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(OPTIONS);
        cmd.add("-cp");
        cmd.add(String.join(
                File.pathSeparator,
                jar.toString(),
                home.resolve("lib") + File.separator + "*",
                sparkLib + File.separator + "*"));
        cmd.add(ScoreApp.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(MARKER, "1");
        pb.environment().putIfAbsent("GLIBC_TUNABLES", TUNABLES);
        Process p = pb.start();
        // Ctrl-C or SIGTERM reaches the child too, so Spark can clean up; then wait for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            p.destroy();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        return Optional.of(p.waitFor());
    }
}
