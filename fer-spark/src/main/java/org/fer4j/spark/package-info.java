/**
 * fer4j on Apache Spark: {@link org.fer4j.spark.EmotionScorer} scores DataFrames of photos (as Spark's
 * {@code binaryFile} source reads them) and of video paths, with one classifier per executor JVM.
 * Spark itself is a provided dependency: a cluster brings its own.
 */
package org.fer4j.spark;
