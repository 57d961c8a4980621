// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fer4j.core.internal.FileCaps;

/**
 * What a model directory's {@code model.json} says: the architecture name, the label list, the
 * preprocessing the model was trained with, how it is meant to be run ({@link InferenceSettings}), and, for a
 * trained model, the training settings, the {@link Results} and the {@link Provenance}. Immutable.
 *
 * <p>Training writes it, inference reads it to rebuild the same network; the parameters themselves
 * are in {@link #PARAMETERS_FILE} beside it. Fields this version does not know are ignored when reading.
 */
public final class ModelInfo {

    /** File name of the description in a model directory. */
    public static final String FILE_NAME = "model.json";
    /** File name of the network parameters (DJL block format) in a model directory. */
    public static final String PARAMETERS_FILE = "model.params";

    private static final ObjectMapper JSON = ModelInfoJson.JSON;

    private final String architecture;
    private final EmotionLabels labels;
    private final Preprocessing preprocessing;
    /** Kept as JSON: its type belongs to the module that trained the model, which fer-core does not know. */
    private final JsonNode training;

    private final Results results;
    private final Provenance provenance;
    private final InferenceSettings inference;

    ModelInfo(
            String architecture,
            EmotionLabels labels,
            Preprocessing preprocessing,
            JsonNode training,
            Results results,
            Provenance provenance,
            InferenceSettings inference) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.training = training == null ? null : training.deepCopy();
        this.results = results;
        this.provenance = provenance;
        this.inference = inference;
    }

    /**
     * What training found: the best epoch and its validation figures, and whether the run finished.
     * Models saved before the validation figures were named so call them {@code testLoss} and
     * {@code testAccuracy}; those names are read too.
     *
     * @param bestEpoch the epoch whose weights the model holds
     * @param epochsRun the epochs the run finished
     * @param validationSplit what the validation figures were measured on, or null in older models
     * @param validationLoss the best model's loss on the validation split
     * @param validationAccuracy the best model's accuracy on the validation split
     * @param finalTrainAccuracy the last epoch's training accuracy
     * @param finalValAccuracy the last epoch's validation accuracy
     * @param diagnosis a one-line overfitting diagnosis
     * @param stoppedEarly whether early stopping ended the run
     * @param complete whether the run finished rather than being stopped
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Results(
            int bestEpoch,
            int epochsRun,
            String validationSplit,
            @JsonAlias("testLoss") double validationLoss,
            @JsonAlias("testAccuracy") double validationAccuracy,
            double finalTrainAccuracy,
            double finalValAccuracy,
            String diagnosis,
            boolean stoppedEarly,
            boolean complete) {}

    /**
     * Where a trained model came from: its data, the software that trained it, and when.
     *
     * @param data the dataset root, absolute
     * @param trainImagesPerClass the training images per label, in label order
     * @param validationImagesPerClass the validation images per label, in label order; models saved before
     *     the rename store it as "testImagesPerClass", which is read too
     * @param skippedFiles the number of files left out of the data
     * @param djl the DJL version
     * @param engine the engine name and version
     * @param java the Java version
     * @param os the operating system and architecture
     * @param started when training started (ISO-8601 instant)
     * @param finished when the model was written (ISO-8601 instant)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Provenance(
            String data,
            Map<String, Integer> trainImagesPerClass,
            @JsonAlias("testImagesPerClass") Map<String, Integer> validationImagesPerClass,
            int skippedFiles,
            String djl,
            String engine,
            String java,
            String os,
            String started,
            String finished) {

        /**
         * Creates the provenance, keeping unmodifiable copies of the counts in their order.
         *
         * @param data the dataset root, absolute
         * @param trainImagesPerClass the training images per label, in label order; null reads as none
         * @param validationImagesPerClass the validation images per label, in label order; null reads as none
         * @param skippedFiles the number of files left out of the data
         * @param djl the DJL version
         * @param engine the engine name and version
         * @param java the Java version
         * @param os the operating system and architecture
         * @param started when training started (ISO-8601 instant)
         * @param finished when the model was written (ISO-8601 instant)
         */
        public Provenance {
            trainImagesPerClass = copy(trainImagesPerClass);
            validationImagesPerClass = copy(validationImagesPerClass);
        }

        private static Map<String, Integer> copy(Map<String, Integer> counts) {
            return counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    /**
     * Returns a description with the given architecture, labels and preprocessing and nothing else.
     *
     * @param architecture the architecture name
     * @param labels the label list in output order
     * @param preprocessing the preprocessing the model was trained with
     * @return the model description
     */
    public static ModelInfo of(String architecture, EmotionLabels labels, Preprocessing preprocessing) {
        return new ModelInfo(architecture, labels, preprocessing, null, null, null, null);
    }

    /**
     * Returns a copy with the training settings set to {@code settings}, saved as Jackson writes them.
     *
     * @param settings the settings the model was trained with, serialisable to a JSON object
     * @return a new description with those settings
     * @throws IllegalArgumentException if {@code settings} does not serialise to a JSON object
     */
    public ModelInfo withTraining(Object settings) {
        JsonNode node = JSON.valueToTree(Objects.requireNonNull(settings, "settings"));
        if (!node.isObject()) {
            throw new IllegalArgumentException("Training settings must serialise to a JSON object, got " + node);
        }
        return new ModelInfo(architecture, labels, preprocessing, node, results, provenance, inference);
    }

    /**
     * Returns a copy with the given results.
     *
     * @param results what training found
     * @return a new description with those results
     */
    public ModelInfo withResults(Results results) {
        return new ModelInfo(
                architecture,
                labels,
                preprocessing,
                training,
                Objects.requireNonNull(results, "results"),
                provenance,
                inference);
    }

    /**
     * Returns a copy with the given provenance.
     *
     * @param provenance where the model came from
     * @return a new description with that provenance
     */
    public ModelInfo withProvenance(Provenance provenance) {
        return new ModelInfo(
                architecture,
                labels,
                preprocessing,
                training,
                results,
                Objects.requireNonNull(provenance, "provenance"),
                inference);
    }

    /**
     * Returns a copy that says how the model is meant to be run.
     *
     * @param inference how to run the model
     * @return a new description with that section
     */
    public ModelInfo withInference(InferenceSettings inference) {
        return new ModelInfo(
                architecture,
                labels,
                preprocessing,
                training,
                results,
                provenance,
                Objects.requireNonNull(inference, "inference"));
    }

    /**
     * Returns the architecture name, one that {@code fer train --arch} takes, for example {@code vgg-48}.
     *
     * @return the architecture name
     */
    public String architecture() {
        return architecture;
    }

    /**
     * Returns the label list in output order.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns the preprocessing the model was trained with, which inference must apply.
     *
     * @return the model's preprocessing
     */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Reads the training settings as {@code type}, for example fer-training's {@code TrainingSpec}.
     *
     * @param <T> the settings type
     * @param type the class Jackson reads the settings into
     * @return the settings, or empty when the model has none
     * @throws IllegalArgumentException if the settings do not fit {@code type}
     */
    public <T> Optional<T> training(Class<T> type) {
        if (training == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(training, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The training settings are not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns what training found, when the model was trained by fer4j.
     *
     * @return the results, or empty
     */
    public Optional<Results> results() {
        return Optional.ofNullable(results);
    }

    /**
     * Returns where the model came from, when the model was trained by fer4j.
     *
     * @return the provenance, or empty
     */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /**
     * Returns how the model is meant to be run, when its description says.
     *
     * @return the inference section, or empty
     */
    public Optional<InferenceSettings> inference() {
        return Optional.ofNullable(inference);
    }

    /**
     * Writes {@code model.json} into {@code dir}, atomically replacing an older one.
     *
     * @param dir the model directory
     * @throws IOException if the file cannot be written
     */
    public void write(Path dir) throws IOException {
        ModelInfoJson.write(this, dir);
    }

    /**
     * Reads {@code model.json} from a model directory.
     *
     * @param dir the model directory
     * @return the model description
     * @throws IOException if the file is missing, not JSON, lacks the architecture or labels, or has a
     *     training, results, provenance or inference section of the wrong shape; the message names the file
     */
    public static ModelInfo read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model description not found");
        }
        // Capped: a huge file would otherwise exhaust memory before the parser could say what is wrong.
        return parse(FileCaps.readJson(file), file.toString());
    }

    /**
     * Parses the bytes of a {@code model.json}; {@code source} names it in error messages.
     *
     * @param json the file content
     * @param source the file name or other origin, for error messages
     * @return the model description
     * @throws IOException if it is not JSON, lacks the architecture or labels, or has a training, results,
     *     provenance or inference section of the wrong shape
     */
    public static ModelInfo parse(byte[] json, String source) throws IOException {
        return ModelInfoJson.parse(json, source);
    }

    /** The training settings as saved, for writing; null when there are none. */
    JsonNode trainingNode() {
        return training;
    }
}
