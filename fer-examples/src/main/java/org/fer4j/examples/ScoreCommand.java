// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code fer score}: runs {@code fer-spark.jar score} in a JVM of its own, so that Spark's 470 MB of jars stay out
 * of {@code fer.jar} and of the other commands' start-up (docs/architecture.md, "fer-spark").
 */
@Command(
        name = "score",
        description = {
            "Score photos or videos with Apache Spark, embedded or on a cluster (runs fer-spark.jar; "
                    + "`fer score --help` lists its options).",
            "Example: fer score --input photos/ --output scores/ --format csv"
        })
final class ScoreCommand implements Callable<Integer> {

    /** Overrides where fer-spark.jar is looked for. */
    static final String JAR_VARIABLE = "FER_SPARK_JAR";

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Optional<Path> jar = find(System.getenv(JAR_VARIABLE), home());
        if (jar.isEmpty()) {
            System.err.println(
                    "fer score: fer-spark.jar not found (it holds Spark, which fer.jar does not); build it with "
                            + "`mvn -B -q -pl fer-spark -am package -DskipTests`, or set " + JAR_VARIABLE
                            + " to its path");
            return 1;
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.get().toString(),
                "score"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }

    /** The folder of fer.jar, or empty when the app does not run from a jar (an IDE, the tests). */
    private static Optional<Path> home() {
        try {
            Path self = Path.of(ScoreCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return Files.isRegularFile(self) ? Optional.of(self.getParent()) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Finds fer-spark.jar: the variable when set, else beside fer.jar (a distribution), else in the source tree
     * (fer-examples/target/fer.jar and fer-spark/target/fer-spark.jar).
     */
    static Optional<Path> find(String variable, Optional<Path> home) throws IOException {
        if (variable != null && !variable.isBlank()) {
            Path p = Path.of(variable);
            if (!Files.isRegularFile(p)) {
                throw new IOException(JAR_VARIABLE + "=" + variable + " is not a file");
            }
            return Optional.of(p);
        }
        if (home.isEmpty()) {
            return Optional.empty();
        }
        for (Path candidate : List.of(
                home.get().resolve("fer-spark.jar"),
                home.get().resolve("../../fer-spark/target/fer-spark.jar").normalize())) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
