// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that dies mid-partition, after it has scored and handed rows to the writer, is run again by Spark,
 * and the committed output still holds every input exactly once.
 */
class RetryTest {

    /** Failures injected; the test's JVM runs the local executor, so the counter is shared. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = TestData.spark();
    }

    @Test
    void aTaskKilledMidPartitionIsRetriedAndEveryInputIsWrittenOnce() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> names = new ArrayList<>();
        // 12 files: copies of the faces under distinct names, plus one error row.
        for (int i = 0; i < 11; i++) {
            String name = String.format("face%02d.jpg", i);
            Files.write(in.resolve(name), TestData.faceBytes(TestData.FACES.get(i % TestData.FACES.size())));
            names.add(name);
        }
        names.add(TestData.notAnImage(in).getFileName().toString());

        EmotionScorer scorer = EmotionScorer.builder().optBatchSize(2).build(spark);
        // One partition, so the failure comes after rows of the same task were already written.
        Dataset<Row> files =
                spark.read().format("binaryFile").load(in.toString()).coalesce(1);
        // Executor-side failure on the first attempt only, at the 7th file of the partition.
        UserDefinedFunction failOnce = udf(
                        (UDF1<String, Boolean>) path -> {
                            TaskContext task = TaskContext.get();
                            if (path.endsWith("face06.jpg") && task.attemptNumber() == 0) {
                                INJECTED.incrementAndGet();
                                throw new IllegalStateException("injected executor failure");
                            }
                            return true;
                        },
                        DataTypes.BooleanType)
                .asNondeterministic();
        Dataset<Row> scored = scorer.scoreImages(files.filter(failOnce.apply(col("path"))));
        Path out = dir.resolve("out");
        scored.write().parquet(out.toString());

        assertThat(INJECTED.get()).isEqualTo(1);
        List<String> written = spark.read()
                .parquet(out.toString())
                .select("path")
                .as(Encoders.STRING())
                .collectAsList();
        assertThat(written.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)))
                .containsExactlyInAnyOrderElementsOf(names);
    }
}
