// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fer score hands over to fer-spark.jar, which it finds beside fer.jar or in the source tree. */
class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void findsFerSparkBesideFerJarOrInTheSourceTree() throws IOException {
        Path dist = Files.createDirectories(dir.resolve("dist"));
        Path beside = Files.writeString(dist.resolve("fer-spark.jar"), "");
        assertThat(ScoreCommand.find(null, Optional.of(dist))).contains(beside);

        Path examples = Files.createDirectories(dir.resolve("src/fer-examples/target"));
        Path built =
                Files.createDirectories(dir.resolve("src/fer-spark/target")).resolve("fer-spark.jar");
        Files.writeString(built, "");
        assertThat(ScoreCommand.find(null, Optional.of(examples))).contains(built);

        assertThat(ScoreCommand.find(null, Optional.of(Files.createDirectories(dir.resolve("empty")))))
                .isEmpty();
        assertThat(ScoreCommand.find(built.toString(), Optional.empty())).contains(built);
        assertThatThrownBy(() -> ScoreCommand.find(dir.resolve("missing.jar").toString(), Optional.empty()))
                .hasMessageContaining("FER_SPARK_JAR");
    }

    @Test
    void saysHowToBuildFerSparkWhenItIsAbsent() {
        // The tests run from target/classes, not from fer.jar: only the variable could point at fer-spark.jar.
        assumeTrue(System.getenv(ScoreCommand.JAR_VARIABLE) == null, "FER_SPARK_JAR is set");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = FerApp.execute("score", "--input", "photos", "--output", "out");
        } finally {
            System.setErr(old);
        }
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("fer-spark.jar not found")
                .contains("mvn -B -q -pl fer-spark -am package");
    }
}
