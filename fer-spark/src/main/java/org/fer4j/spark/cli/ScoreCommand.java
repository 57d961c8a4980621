// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import static org.apache.spark.sql.functions.col;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.spark.EmotionScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code fer score}: scores a folder or glob of photos or videos with Spark, embedded ({@code local[*]}) or
 * on the cluster {@code spark-submit} names, and writes one row per image, face or face per frame.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score photos or videos with Apache Spark: embedded by default, or on a cluster under spark-submit.",
            "Writes one row per image (or per face with --detect, per face and analysed frame with --videos); "
                    + "an unreadable file is a row whose 'error' says why."
        })
final class ScoreCommand implements Callable<Integer> {

    /** Output formats Spark writes. */
    enum Format {
        PARQUET,
        CSV,
        JSON
    }

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH_OR_GLOB",
            description =
                    "A file, a folder (searched recursively) or a glob; local or any Hadoop URI (hdfs://, s3a://).")
    String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Output folder; must not exist or be empty. With --videos, the summary goes to DIR-summary.")
    String output;

    @Option(
            names = "--format",
            defaultValue = "parquet",
            paramLabel = "parquet|csv|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--detect",
            description = "Find every face of each photo and classify each one (as fer predict --detect).")
    boolean detect;

    @Option(
            names = "--videos",
            description = "The input is video files: run fer detect's loop on each, one task per video.")
    boolean videos;

    @Option(
            names = "--every",
            defaultValue = "1",
            paramLabel = "N",
            description = "With --videos, analyse every N-th frame (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Model folder written by `fer train`, local or a Hadoop URI (default: the bundled model).")
    String model;

    @Option(
            names = "--tta",
            paramLabel = "none|flip|ten-crop",
            converter = TtaConverter.class,
            description =
                    "Views of each face to average (default: as the model's model.json says; videos: none, as fer detect).")
    TestTimeAugmentation tta;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master (default: the one spark-submit sets, else local[*], Spark inside this JVM).")
    String master;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description =
                    "Spread the photos over N partitions (default: as Spark lists them, about 32 small files each).")
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (detect && videos) {
            err.println("fer score: --detect and --videos exclude each other (videos always detect faces)");
            return 2;
        }
        if (every < 1 || (partitions != null && partitions < 1)) {
            err.println("fer score: --every and --partitions must be at least 1");
            return 2;
        }
        String summary = videos ? stripSlash(output) + "-summary" : null;
        // Local outputs are checked before Spark starts, so a usage error costs no start-up.
        for (String out : summary == null ? new String[] {output} : new String[] {output, summary}) {
            Optional<String> clash = localClash(out);
            if (clash.isPresent()) {
                err.println("fer score: " + clash.get());
                return 2;
            }
        }
        long started = System.nanoTime();
        SparkSession.Builder builder = packSmallFiles(SparkSession.builder().appName("fer score"));
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        boolean embedded = (master == null && System.getProperty("spark.master") == null)
                || (master != null && master.startsWith("local"));
        if (embedded && System.getProperty("spark.ui.enabled") == null) {
            // Nobody watches a web UI of a laptop run; not binding its port saves start-up time.
            builder.config("spark.ui.enabled", "false");
        }
        // A session this JVM already runs (a test, an application calling ScoreApp) is used and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = builder.getOrCreate();
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            for (String out : summary == null ? new String[] {output} : new String[] {output, summary}) {
                Optional<String> clash = clash(out, hadoop);
                if (clash.isPresent()) {
                    err.println("fer score: " + clash.get());
                    return 2;
                }
            }
            org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(input);
            FileStatus[] matches = pattern.getFileSystem(hadoop).globStatus(pattern);
            if (matches == null || matches.length == 0) {
                err.println("fer score: --input " + input + " matches no file or folder");
                return 2;
            }
            EmotionScorer.Builder options = EmotionScorer.builder().optEveryNthFrame(every);
            if (model != null) {
                options.optModel(model);
            }
            if (tta != null) {
                options.optTestTimeAugmentation(tta);
            }
            EmotionScorer scorer;
            try {
                scorer = options.build(spark);
            } catch (MalformedModelException e) {
                // Once, on the driver, before any task: not one failure per task.
                err.println("fer score: cannot load the model: " + e.getMessage());
                return 1;
            }
            ProgressListener progress = new ProgressListener(err);
            spark.sparkContext().addSparkListener(progress);

            Dataset<Row> files = EmotionScorer.readFiles(spark, input);
            Dataset<Row> scored;
            if (videos) {
                scored = scorer.scoreVideos(files.select(EmotionScorer.PATH));
            } else {
                if (partitions != null) {
                    files = files.repartition(partitions);
                }
                scored = detect ? scorer.scoreFaces(files) : scorer.scoreImages(files);
            }
            progress.start();
            write(scored, output);
            progress.finish();
            Dataset<Row> written = read(spark, output, scored);
            long rows = written.count();
            long errors = written.filter(col(EmotionScorer.ERROR).isNotNull()).count();
            if (summary != null) {
                write(scorer.summarizeVideos(written), summary);
            }
            err.println(String.format(
                    Locale.ROOT,
                    "fer score: wrote %d rows (%d with an error) to %s as %s%s in %.1f s",
                    rows,
                    errors,
                    output,
                    format.name().toLowerCase(Locale.ROOT),
                    summary != null ? ", per-second summary to " + summary : "",
                    (System.nanoTime() - started) / 1e9));
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private void write(Dataset<Row> rows, String dir) {
        // Overwrite only replaces an empty folder (checked above); Spark's committer makes the output all or nothing.
        rows.write()
                .mode(SaveMode.Overwrite)
                .format(format.name().toLowerCase(Locale.ROOT))
                .option("header", "true")
                .save(dir);
    }

    private Dataset<Row> read(SparkSession spark, String dir, Dataset<Row> scored) {
        return spark.read()
                .format(format.name().toLowerCase(Locale.ROOT))
                .schema(scored.schema())
                .option("header", "true")
                .load(dir);
    }

    /** The output must not exist or be an empty folder: a rerun must not mix with, or destroy, older results. */
    static Optional<String> localClash(String out) throws IOException {
        URI uri = toUri(out);
        if (uri != null && uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            return Optional.empty();
        }
        Path p = uri != null && "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(out);
        if (Files.isRegularFile(p)) {
            return Optional.of("--output " + out + " is a file; give a folder that does not exist or is empty");
        }
        if (Files.isDirectory(p)) {
            try (Stream<Path> entries = Files.list(p)) {
                if (entries.findAny().isPresent()) {
                    return Optional.of("--output " + out + " is not empty; give a new or empty folder");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> clash(String out, Configuration hadoop) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = p.getFileSystem(hadoop);
        if (!fs.exists(p)) {
            return Optional.empty();
        }
        FileStatus status = fs.getFileStatus(p);
        if (!status.isDirectory()) {
            return Optional.of("--output " + out + " is a file; give a folder that does not exist or is empty");
        }
        return fs.listStatus(p).length > 0
                ? Optional.of("--output " + out + " is not empty; give a new or empty folder")
                : Optional.empty();
    }

    private static URI toUri(String s) {
        try {
            URI uri = new URI(s);
            // A Windows drive letter is no scheme.
            return uri.getScheme() != null && uri.getScheme().length() == 1 ? null : uri;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads --tta by its model.json name. */
    static final class TtaConverter implements ITypeConverter<TestTimeAugmentation> {
        @Override
        public TestTimeAugmentation convert(String value) {
            return TestTimeAugmentation.of(value);
        }
    }

    /**
     * Lets Spark put many small files into one partition: its default charges every file the cost of reading
     * 4 MB ({@code spark.sql.files.openCostInBytes}), which suits large columnar files but splits 3,589 face
     * crops of 1.5 kB into 113 tasks; at 8 kB they fill one partition per core, and Spark's time fell by about
     * an eighth (docs/benchmarks.md). A value the user set (a system property, as {@code spark-submit --conf}
     * passes it) wins.
     */
    static SparkSession.Builder packSmallFiles(SparkSession.Builder builder) {
        return System.getProperty(OPEN_COST) == null ? builder.config(OPEN_COST, "8k") : builder;
    }

    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";
}
