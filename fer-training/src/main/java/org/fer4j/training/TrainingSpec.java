// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;

/**
 * Everything that defines a training run apart from the data: architecture, optimiser, schedule,
 * regularisation, augmentation, preprocessing, early stopping. Immutable; built with {@link #builder()},
 * whose defaults are the seed's recipe. Saved by Jackson in {@code model.json} and a run's
 * {@code state.json}, one field per component; settings saved before a component existed still load.
 *
 * @param architecture the network's name, one that {@code fer train --arch} takes (for example {@code vgg-48})
 * @param epochs the maximum number of epochs (at least 1)
 * @param batchSize the images per batch (at least 1)
 * @param seed the random seed for initialisation, shuffling, dropout and augmentation
 * @param patience early-stopping patience in epochs, 0 when early stopping is off
 * @param monitor the validation metric early stopping and best-epoch selection watch
 * @param optimizer the optimiser
 * @param learningRate the base learning rate (positive)
 * @param weightDecay the weight decay, 0 for none
 * @param schedule the learning-rate schedule
 * @param warmupEpochs linear warm-up epochs, 0 or more
 * @param labelSmoothing the label-smoothing factor in [0, 0.5)
 * @param classWeights whether the training loss weights classes by inverse frequency
 * @param augmentation the training-time augmentation
 * @param preprocessing the preprocessing of training and validation images (and of the trained model)
 * @param distillation the teachers and settings of knowledge distillation, {@link Distillation#NONE} for none
 * @param averageDecay the decay of an exponential moving average of the weights, which the run then validates,
 *     keeps as its best and ships; 0 for none (the last step's weights)
 * @param mixupAlpha the Beta parameter of mixup, which blends each training batch's images in pairs, 0 for none
 * @param cutmixAlpha the Beta parameter of CutMix, which pastes a rectangle of one image of a pair into the other,
 *     0 for none; with mixup on as well, each batch gets one of the two at random
 */
public record TrainingSpec(
        String architecture,
        int epochs,
        int batchSize,
        long seed,
        int patience,
        Monitor monitor,
        Optimizer optimizer,
        float learningRate,
        float weightDecay,
        Schedule schedule,
        int warmupEpochs,
        float labelSmoothing,
        boolean classWeights,
        Augmentation augmentation,
        Preprocessing preprocessing,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Distillation.NoneFilter.class)
        Distillation distillation,

        @JsonInclude(JsonInclude.Include.NON_DEFAULT) float averageDecay,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) float mixupAlpha,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) float cutmixAlpha) {

    /** The preprocessing of new runs: no equalisation, which did not help (docs/model-card.md has the A/B). */
    public static final Preprocessing DEFAULT_PREPROCESSING = Preprocessing.standard();

    /** Converts between a spec and its saved form for {@link #describe()}; the annotations say how. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The optimisers a run can use. */
    public enum Optimizer {
        /** Adam; weight decay, when set, is added to the gradient (L2). */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW,
        /** SGD with momentum 0.9 and (coupled) weight decay. */
        SGD,
        /** SGD with Nesterov momentum 0.9 and (coupled) weight decay. */
        NESTEROV;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Learning-rate schedules. */
    public enum Schedule {
        /** The same rate every step (after warm-up). */
        CONSTANT,
        /** Cosine decay from the base rate to zero over all epochs (after warm-up). */
        COSINE;

        @JsonValue
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The validation metric early stopping and best-epoch selection watch. */
    public enum Monitor {
        /** Validation loss, lower is better. */
        VAL_LOSS,
        /** Validation accuracy, higher is better. */
        VAL_ACCURACY;

        /**
         * Returns the metric's column name, for example {@code val_loss}.
         *
         * @return the CSV column name
         */
        @JsonValue
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Creates a spec after checking every component, described on the record (the builder and Jackson come here).
     *
     * @param architecture see the record description
     * @param epochs see the record description
     * @param batchSize see the record description
     * @param seed see the record description
     * @param patience see the record description
     * @param monitor see the record description
     * @param optimizer see the record description
     * @param learningRate see the record description
     * @param weightDecay see the record description
     * @param schedule see the record description
     * @param warmupEpochs see the record description
     * @param labelSmoothing see the record description
     * @param classWeights see the record description
     * @param augmentation see the record description
     * @param preprocessing see the record description
     * @param distillation see the record description
     * @param averageDecay see the record description
     * @param mixupAlpha see the record description
     * @param cutmixAlpha see the record description
     * @throws IllegalArgumentException if a value is out of range or the architecture is unknown
     * @throws NullPointerException if an object component is null
     */
    public TrainingSpec {
        Architectures.describe(Objects.requireNonNull(architecture, "architecture"));
        check(epochs >= 1, "epochs must be >= 1, got " + epochs);
        check(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        check(patience >= 0, "patience must be >= 0, got " + patience);
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(optimizer, "optimizer");
        check(learningRate > 0, "learning rate must be > 0, got " + learningRate);
        check(weightDecay >= 0, "weight decay must be >= 0, got " + weightDecay);
        Objects.requireNonNull(schedule, "schedule");
        check(warmupEpochs >= 0, "warm-up epochs must be >= 0, got " + warmupEpochs);
        check(
                labelSmoothing >= 0 && labelSmoothing < 0.5f,
                "label smoothing must be in [0, 0.5), got " + labelSmoothing);
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(distillation, "distillation");
        check(
                averageDecay == 0 || (averageDecay > 0 && averageDecay < 1),
                "weight-average decay must be 0 (none) or in (0, 1), got " + averageDecay);
        check(mixupAlpha >= 0 && mixupAlpha <= 10, "mixup alpha must be 0 (none) or in (0, 10], got " + mixupAlpha);
        check(cutmixAlpha >= 0 && cutmixAlpha <= 10, "CutMix alpha must be 0 (none) or in (0, 10], got " + cutmixAlpha);
    }

    /**
     * Returns a builder holding the defaults, the seed's recipe.
     * @return a new builder
     */
    public static TrainingSpecBuilder builder() {
        return new TrainingSpecBuilder();
    }

    /**
     * Returns a builder pre-filled with this spec's values.
     * @return a new builder with this spec's values
     */
    public TrainingSpecBuilder toBuilder() {
        return new TrainingSpecBuilder()
                .optArchitecture(architecture)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optSeed(seed)
                .optPatience(patience)
                .optMonitor(monitor)
                .optOptimizer(optimizer)
                .optLearningRate(learningRate)
                .optWeightDecay(weightDecay)
                .optSchedule(schedule)
                .optWarmupEpochs(warmupEpochs)
                .optLabelSmoothing(labelSmoothing)
                .optClassWeights(classWeights)
                .optAugmentation(augmentation)
                .optPreprocessing(preprocessing)
                .optDistillation(distillation)
                .optAverageDecay(averageDecay)
                .optMixup(mixupAlpha)
                .optCutmix(cutmixAlpha);
    }

    /** Returns the settings by name, as {@code model.json} and {@code state.json} hold them. */
    @SuppressWarnings("unchecked")
    Map<String, Object> describe() {
        return JSON.convertValue(this, LinkedHashMap.class);
    }

    /** Rebuilds a spec from {@link #describe()}'s map; throws IllegalArgumentException for a bad or missing value. */
    static TrainingSpec fromDescription(Map<String, Object> d) {
        return JSON.convertValue(d, TrainingSpec.class);
    }

    /**
     * Jackson's way in: a missing number reads as 0 (refused where invalid); settings saved before preprocessing
     * or distillation were recorded get the preprocessing every run then used, and no distillation (and, like
     * every spec without it, no weight average or mixing).
     */
    @JsonCreator
    private static TrainingSpec fromJson(
            @JsonProperty("architecture") String architecture,
            @JsonProperty("epochs") int epochs,
            @JsonProperty("batchSize") int batchSize,
            @JsonProperty("seed") long seed,
            @JsonProperty("patience") int patience,
            @JsonProperty("monitor") Monitor monitor,
            @JsonProperty("optimizer") Optimizer optimizer,
            @JsonProperty("learningRate") float learningRate,
            @JsonProperty("weightDecay") float weightDecay,
            @JsonProperty("schedule") Schedule schedule,
            @JsonProperty("warmupEpochs") int warmupEpochs,
            @JsonProperty("labelSmoothing") float labelSmoothing,
            @JsonProperty("classWeights") boolean classWeights,
            @JsonProperty("augmentation") Augmentation augmentation,
            @JsonProperty("preprocessing") Preprocessing preprocessing,
            @JsonProperty("distillation") Distillation distillation,
            @JsonProperty("averageDecay") Float averageDecay,
            @JsonProperty("mixupAlpha") Float mixupAlpha,
            @JsonProperty("cutmixAlpha") Float cutmixAlpha) {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                seed,
                patience,
                monitor,
                optimizer,
                learningRate,
                weightDecay,
                schedule,
                warmupEpochs,
                labelSmoothing,
                classWeights,
                augmentation,
                preprocessing != null ? preprocessing : Preprocessing.blurredTrainingSplit(),
                distillation != null ? distillation : Distillation.NONE,
                averageDecay != null ? averageDecay : 0f,
                mixupAlpha != null ? mixupAlpha : 0f,
                cutmixAlpha != null ? cutmixAlpha : 0f);
    }

    /** The learning rate at a fractional epoch position (0 at the start of training). */
    float learningRateAt(double epochPosition) {
        return LearningRate.at(this, epochPosition);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
