// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of {@code fer-spark.jar}: {@code score} (what {@code fer score} runs) and
 * {@code benchmark}. Run {@code java -jar fer-spark.jar --help}.
 */
@Command(
        name = "fer-spark",
        mixinStandardHelpOptions = true,
        description = "Score photos and videos with fer4j on Apache Spark (embedded or on a cluster).",
        subcommands = {ScoreCommand.class, BenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class ScoreApp implements Runnable {

    /** The log4j 2 settings of the command line: warnings and errors only, on one line each. */
    static final String LOG_CONFIG = "classpath:org/fer4j/spark/cli/log4j2-fer-spark.properties";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the app; exits with 0 on success, 1 on failure and 2 on a usage error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // Even --help: picocli reads the commands' classes, which name Spark's types.
        try {
            Optional<Integer> exit = SparkJvm.relaunchIfNeeded(args);
            if (exit.isPresent()) {
                System.exit(exit.get());
            }
        } catch (IOException e) {
            System.err.println("fer score: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
        System.exit(execute(args));
    }

    /**
     * Runs the app in this JVM (tests call this); the JVM needs Spark on the class path and its
     * {@code --add-opens} options ({@link SparkJvm#OPTIONS}), which {@link #main} arranges.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        prepareJvm();
        return new CommandLine(new ScoreApp())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("fer score: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                    return 1;
                })
                .execute(args);
    }

    /** Settings that must be in place before Spark, Netty, log4j or DJL start. */
    static void prepareJvm() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("spark.master") == null) {
            // Under spark-submit the cluster's logging settings apply; embedded, Spark's INFO lines would bury
            // progress.
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        // Netty (Spark's RPC) reaches into NIO buffers with reflection on Java 17 only when told it may.
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        if (System.getProperty("ai.djl.offline") == null) {
            // Natives come from the bundled jars; a hidden download attempt should fail loudly instead.
            System.setProperty("ai.djl.offline", "true");
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
