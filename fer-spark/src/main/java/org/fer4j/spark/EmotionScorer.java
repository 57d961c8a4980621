// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.EmotionClassifier;

/**
 * Scores images and videos held in Spark DataFrames with one fer4j classifier per executor JVM.
 *
 * <pre>{@code
 * EmotionScorer scorer = EmotionScorer.builder().build(spark);
 * Dataset<Row> scored = scorer.scoreImages(spark.read().format("binaryFile").load("photos/"));
 * }</pre>
 *
 * <p>Images come as Spark's {@code binaryFile} source gives them ({@code path}, {@code content}, ...).
 * Every input gives at least one row: a file that cannot be decoded or scored is a row whose
 * {@code error} says why, never a failed job. The model is read and loaded once on the driver by
 * {@link Builder#build(SparkSession)}, so a broken model fails there, before any task runs; executors
 * then load it once per JVM and share it between their tasks. Immutable and safe to share.
 */
public final class EmotionScorer {

    /** The column of the file's path (as Spark lists it, a URI). */
    public static final String PATH = "path";
    /** The column of the most likely label. */
    public static final String EMOTION = "emotion";
    /** The column of the most likely label's probability. */
    public static final String PROBABILITY = "probability";
    /** The column saying why a row has no prediction; null when scoring went well. */
    public static final String ERROR = "error";

    private static final String CONTENT = "content";

    private final ModelSource model;
    private final List<String> labels;
    private final int batchSize;
    private final int everyNthFrame;
    private final HadoopFiles files;
    private final SparkSession spark;
    /** Broadcasts are made once per model variant, on first use. */
    private final Map<String, Broadcast<ModelSource>> broadcasts = new HashMap<>();

    private EmotionScorer(Builder b, SparkSession spark, ModelSource model, List<String> labels) {
        this.model = model;
        this.labels = labels;
        this.batchSize = b.batchSize;
        this.everyNthFrame = b.everyNthFrame;
        this.spark = spark;
        this.files = new HadoopFiles(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * Returns a builder; without options it scores with the bundled model and its own test-time augmentation.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the model's label names, which are also the names of the probability columns, in order.
     *
     * @return the label names
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * Reads files for scoring: Spark's {@code binaryFile} source over a file, a folder (searched recursively)
     * or a glob, plus the empty files it leaves out (Spark's file sources skip them), so that those become
     * error rows too instead of vanishing from the output. Hidden files ({@code .x}, {@code _x}) are skipped
     * as Spark skips them.
     *
     * @param spark the session
     * @param pathOrGlob a local path or Hadoop URI, possibly with glob characters
     * @return the columns {@code path}, {@code modificationTime}, {@code length} and {@code content}
     * @throws IOException if the empty files cannot be listed
     */
    public static Dataset<Row> readFiles(SparkSession spark, String pathOrGlob) throws IOException {
        Dataset<Row> files = spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(pathOrGlob);
        List<Row> empty = new ArrayList<>();
        org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(pathOrGlob);
        FileSystem fs = pattern.getFileSystem(spark.sparkContext().hadoopConfiguration());
        FileStatus[] matches = fs.globStatus(pattern);
        for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (f.getLen() == 0 && !hidden(f.getPath(), match.getPath())) {
                    empty.add(RowFactory.create(
                            f.getPath().toString(), new Timestamp(f.getModificationTime()), 0L, new byte[0]));
                }
            }
        }
        return empty.isEmpty() ? files : files.unionByName(spark.createDataFrame(empty, files.schema()));
    }

    /** Whether Spark's listing skips the file: a name, below the matched path, that starts with . or _. */
    private static boolean hidden(org.apache.hadoop.fs.Path file, org.apache.hadoop.fs.Path root) {
        for (org.apache.hadoop.fs.Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Classifies each image as one face, as {@code fer predict} and {@link EmotionClassifier#predictAll} do:
     * the input's columns except {@code content}, then {@code emotion}, {@code probability}, one probability
     * column per label and {@code error}. Images are decoded and classified in batches within each partition.
     *
     * @param images a DataFrame with a string column {@code path} and a binary column {@code content}
     * @return the scored DataFrame, one row per input row
     * @throws IllegalArgumentException if a column is missing or a label clashes with an input column
     */
    public Dataset<Row> scoreImages(Dataset<Row> images) {
        StructType in = images.schema();
        int content = requireColumn(in, CONTENT);
        requireColumn(in, PATH);
        int[] keep = keptColumns(in);
        StructType out = Schemas.append(Schemas.select(in, keep), Schemas.prediction(labels));
        return images.mapPartitions(
                new ImageScoring(broadcast(model), keep, content, labels.size(), batchSize), Encoders.row(out));
    }

    /**
     * Finds every face of each image and classifies it, as {@code fer predict --detect} does: one row per
     * face, largest first, with {@code face} (1, 2, ...), its box, detection score and five landmarks, then
     * the prediction columns; an image with no face gives one row with {@code face} 0 and no prediction.
     *
     * @param images a DataFrame with a string column {@code path} and a binary column {@code content}
     * @return the scored DataFrame, one row per face found and one per image without a face
     * @throws IllegalArgumentException if a column is missing or a label clashes with an input column
     */
    public Dataset<Row> scoreFaces(Dataset<Row> images) {
        StructType in = images.schema();
        int content = requireColumn(in, CONTENT);
        requireColumn(in, PATH);
        int[] keep = keptColumns(in);
        StructType out =
                Schemas.append(Schemas.append(Schemas.select(in, keep), Schemas.face()), Schemas.prediction(labels));
        return images.mapPartitions(new FaceScoring(broadcast(model), keep, content, labels.size()), Encoders.row(out));
    }

    /**
     * Runs each video through the capture, detection, tracking and classification loop of {@code fer detect}
     * (single-pass unless a test-time augmentation was chosen, as there), one task per video: one row per
     * face per analysed frame with {@code path}, {@code frame}, {@code timestamp_ms}, {@code track}, the box,
     * {@code fresh}, and the prediction columns. A video with no face gives one row with null {@code frame};
     * one that cannot be read gives one row with {@code error} set.
     *
     * @param videos a DataFrame with a string column {@code path}; the paths are collected on the driver
     * @return the per-face rows
     * @throws IllegalArgumentException if the column is missing
     */
    public Dataset<Row> scoreVideos(Dataset<Row> videos) {
        requireColumn(videos.schema(), PATH);
        List<String> paths = videos.select(PATH).as(Encoders.STRING()).collectAsList();
        StructType out = Schemas.append(Schemas.video(), Schemas.prediction(labels));
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), out);
        }
        // One partition per video, so each video is one task and a slow video holds up no other.
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(paths.stream().map(p -> RowFactory.create(p)).toList(), paths.size());
        Dataset<Row> listed = spark.createDataFrame(rows, new StructType().add(PATH, DataTypes.StringType, false));
        ModelSource videoModel =
                model.hasTestTimeAugmentation() ? model : model.withTestTimeAugmentation(TestTimeAugmentation.NONE);
        return listed.mapPartitions(
                new VideoScoring(broadcast(videoModel), files, everyNthFrame, labels.size()), Encoders.row(out));
    }

    /**
     * Summarises the rows of {@link #scoreVideos} per video and second, as {@code fer detect}'s summary does:
     * {@code path}, {@code second}, {@code faces} (face rows with a prediction) and, per label, the share of
     * those faces given that label.
     *
     * @param videoRows the rows {@link #scoreVideos} returned (or read back from its output)
     * @return one row per video and second that has a face
     */
    public Dataset<Row> summarizeVideos(Dataset<Row> videoRows) {
        Dataset<Row> faces = videoRows
                .filter(col(EMOTION).isNotNull())
                .withColumn("second", floor(col(Schemas.TIMESTAMP).divide(1000)).cast(DataTypes.LongType));
        List<Column> shares = new ArrayList<>();
        for (String label : labels) {
            shares.add(sum(when(col(EMOTION).equalTo(lit(label)), 1).otherwise(0))
                    .divide(count(lit(1)))
                    .alias(label));
        }
        return faces.groupBy(col(PATH), col("second"))
                .agg(count(lit(1)).alias("faces"), shares.toArray(new Column[0]))
                .orderBy(col(PATH), col("second"));
    }

    private Broadcast<ModelSource> broadcast(ModelSource source) {
        synchronized (broadcasts) {
            // The model travels once per executor, not inside every task's closure.
            return broadcasts.computeIfAbsent(
                    source.key(),
                    k -> JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(source));
        }
    }

    private int[] keptColumns(StructType in) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < in.fields().length; i++) {
            StructField f = in.fields()[i];
            if (f.dataType().equals(DataTypes.BinaryType)) {
                continue;
            }
            if (labels.contains(f.name())
                    || Arrays.asList(EMOTION, PROBABILITY, ERROR).contains(f.name())
                    || Schemas.FACE_COLUMNS.contains(f.name())) {
                throw new IllegalArgumentException("The input column '" + f.name()
                        + "' has the name of a column the scorer adds; rename or drop it first");
            }
            keep.add(i);
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int requireColumn(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(
                    "The DataFrame has no column '" + name + "' (columns: " + String.join(", ", schema.fieldNames())
                            + "); read images with spark.read().format(\"binaryFile\")");
        }
        return schema.fieldIndex(name);
    }

    /** Builds an {@link EmotionScorer}: every option has a default. */
    public static final class Builder {
        private String modelLocation;
        private TestTimeAugmentation tta;
        private int batchSize = 64;
        private int everyNthFrame = 1;

        private Builder() {}

        /**
         * Scores with a model folder written by {@code fer train} instead of the bundled model: a local path or
         * any URI Hadoop reads ({@code hdfs://}, {@code s3a://}, ...), read once on the driver and shipped.
         *
         * @param location the model folder
         * @return this builder
         */
        public Builder optModel(String location) {
            this.modelLocation = Objects.requireNonNull(location, "location");
            return this;
        }

        /**
         * Sets the views averaged per face; by default images follow the model's {@code model.json} (as
         * {@code fer predict}) and videos are single-pass (as {@code fer detect}).
         *
         * @param augmentation the test-time augmentation
         * @return this builder
         */
        public Builder optTestTimeAugmentation(TestTimeAugmentation augmentation) {
            this.tta = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * Sets how many images are decoded and classified together in a partition (default 64); batches
         * also end early once their decoded images pass 16 million pixels, to bound memory.
         *
         * @param size images per batch, at least 1
         * @return this builder
         */
        public Builder optBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("Batch size must be at least 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Analyses every N-th frame of a video (default 1, every frame), as {@code fer detect --every}.
         *
         * @param n the frame step, at least 1
         * @return this builder
         */
        public Builder optEveryNthFrame(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("The frame step must be at least 1, got " + n);
            }
            this.everyNthFrame = n;
            return this;
        }

        /**
         * Reads the model and loads it once on the driver, so a missing or broken model fails here with one
         * message instead of in every task.
         *
         * @param spark the session whose jobs will score
         * @return the scorer
         * @throws MalformedModelException if the model cannot be read or loaded; the message names the file
         */
        public EmotionScorer build(SparkSession spark) throws MalformedModelException {
            Objects.requireNonNull(spark, "spark");
            ModelSource source = modelLocation == null
                    ? ModelSource.bundled(tta)
                    : ModelSource.folder(modelLocation, spark.sparkContext().hadoopConfiguration(), tta);
            // In local mode this is also the executors' classifier: the driver and executors share the JVM.
            EmotionClassifier classifier = ExecutorModels.get(source);
            return new EmotionScorer(this, spark, source, classifier.labels().names());
        }
    }
}
