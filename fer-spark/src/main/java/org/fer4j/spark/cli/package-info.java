/**
 * The command line of {@code fer-spark.jar}: {@code score}, which {@code fer score} runs, and {@code benchmark}.
 * Not an API: use {@link org.fer4j.spark.EmotionScorer} from code.
 */
package org.fer4j.spark.cli;
