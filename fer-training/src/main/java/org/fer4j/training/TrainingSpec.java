package org.fer4j.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.nn.Architectures;

/**
 * Everything that defines a training run apart from the data: architecture, optimiser, schedule,
 * regularisation, augmentation, preprocessing, early stopping. Immutable; saved in {@code model.json}
 * and in a run's {@code state.json} through Jackson, one field per component, and read back by Jackson
 * through {@link #fromDescription(Map)}, so settings saved before a component existed still load.
 *
 * <p>The builder's defaults are the seed's recipe: {@code seed} network, Adam at 0.001, batch 64,
 * 100 epochs, no augmentation; preprocessing {@link #DEFAULT_PREPROCESSING}.
 *
 * @param architecture the architecture name, a key of {@link Architectures}
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
 */
public record TrainingSpec(String architecture, int epochs, int batchSize, long seed, int patience, Monitor monitor,
        Optimizer optimizer, float learningRate, float weightDecay, Schedule schedule, int warmupEpochs,
        float labelSmoothing, boolean classWeights, Augmentation augmentation, Preprocessing preprocessing,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Distillation.NoneFilter.class)
        Distillation distillation) {

    /**
     * The preprocessing of new runs: grey, resize and scale, no equalisation (on the seed recipe, rank
     * equalisation did not beat plain inputs; docs/model-card.md has the A/B).
     */
    public static final Preprocessing DEFAULT_PREPROCESSING = Preprocessing.builder().build();

    /**
     * Reads and writes the plain record: Jackson reads a spec through {@link #fromDescription(Map)}, which
     * itself needs the record's own constructor, so this mapper switches that creator off.
     */
    private static final ObjectMapper JSON = new ObjectMapper().addMixIn(TrainingSpec.class, PlainRecord.class);

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
     * Creates a spec after checking every component (the builder and Jackson both come through here);
     * the components are described on the record.
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
     * @throws IllegalArgumentException if a value is out of range or the architecture is unknown
     * @throws NullPointerException if an object component is null
     */
    public TrainingSpec {
        Architectures.describe(Objects.requireNonNull(architecture, "architecture"));
        positive(epochs, "epochs");
        positive(batchSize, "batch size");
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        Objects.requireNonNull(schedule, "schedule");
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5f)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + labelSmoothing);
        }
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(distillation, "distillation");
    }

    /**
     * Returns a builder holding the seed's recipe.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(new TrainingSpec("seed", 100, 64, 42, 0, Monitor.VAL_LOSS, Optimizer.ADAM, 0.001f, 0,
                Schedule.CONSTANT, 0, 0, false, Augmentation.NONE, DEFAULT_PREPROCESSING, Distillation.NONE));
    }

    /**
     * Returns a builder pre-filled with this spec's values.
     *
     * @return a new builder with this spec's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the settings by name, for {@code model.json} and {@code state.json}.
     *
     * @return the settings by name
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> describe() {
        return JSON.convertValue(this, LinkedHashMap.class);
    }

    /**
     * Rebuilds a spec from {@link #describe()}'s map, as saved in a checkpoint; a map saved before
     * preprocessing was part of the spec gets the preprocessing every run then used.
     *
     * @param d a map made by {@link #describe()}
     * @return the spec it describes
     * @throws IllegalArgumentException if a value is missing or invalid
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrainingSpec fromDescription(Map<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>(d);
        m.putIfAbsent("preprocessing", Preprocessing.blurredTrainingSplit().describe());
        m.putIfAbsent("distillation", Distillation.NONE);
        try {
            return JSON.convertValue(m, TrainingSpec.class);
        } catch (IllegalArgumentException e) {
            // Jackson wraps the record's own check; its message is the one worth showing.
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException || c instanceof NullPointerException) {
                    throw new IllegalArgumentException(c.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("Incomplete or invalid training settings: " + d + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Mix-in for {@link #JSON}: without the delegating creator, Jackson uses the record's constructor. */
    private abstract static class PlainRecord {
        @JsonCreator(mode = JsonCreator.Mode.DISABLED)
        static TrainingSpec fromDescription(Map<String, Object> d) {
            throw new UnsupportedOperationException("annotations only");
        }
    }

    /** The learning rate at a fractional epoch position (0 at the start of training). */
    float learningRateAt(double epochPosition) {
        if (warmupEpochs > 0 && epochPosition < warmupEpochs) {
            return (float) (learningRate * Math.max(0.01, epochPosition / warmupEpochs));
        }
        if (schedule == Schedule.COSINE) {
            double span = Math.max(1e-9, epochs - warmupEpochs);
            double t = Math.min(1, (epochPosition - warmupEpochs) / span);
            return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * t)));
        }
        return learningRate;
    }

    private static int positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
        return v;
    }

    /**
     * Builds a {@link TrainingSpec}: {@code opt*} setters are optional, and {@link #build()} checks the
     * values. It keeps the values in their saved form, so the field list is written once, in the record.
     */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(TrainingSpec start) {
            this.values = start.describe();
        }

        /**
         * Sets the architecture by registry name.
         *
         * @param name a registered architecture name
         * @return this builder
         */
        public Builder optArchitecture(String name) {
            values.put("architecture", name);
            return this;
        }

        /**
         * Sets the maximum number of epochs (at least 1).
         *
         * @param epochs the maximum number of epochs
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            values.put("epochs", epochs);
            return this;
        }

        /**
         * Sets the batch size (at least 1).
         *
         * @param batchSize the images per batch
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            values.put("batchSize", batchSize);
            return this;
        }

        /**
         * Sets the random seed.
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            values.put("seed", seed);
            return this;
        }

        /**
         * Stops after this many epochs without improvement of the monitored metric; 0 turns it off.
         *
         * @param patience the patience in epochs, 0 or more
         * @return this builder
         */
        public Builder optPatience(int patience) {
            values.put("patience", patience);
            return this;
        }

        /**
         * Sets the metric that early stopping and best-epoch selection watch.
         *
         * @param monitor the monitored metric
         * @return this builder
         */
        public Builder optMonitor(Monitor monitor) {
            values.put("monitor", monitor);
            return this;
        }

        /**
         * Sets the optimiser.
         *
         * @param optimizer the optimiser
         * @return this builder
         */
        public Builder optOptimizer(Optimizer optimizer) {
            values.put("optimizer", optimizer);
            return this;
        }

        /**
         * Sets the base learning rate (positive).
         *
         * @param rate the base learning rate
         * @return this builder
         */
        public Builder optLearningRate(float rate) {
            values.put("learningRate", rate);
            return this;
        }

        /**
         * Sets the weight decay (0 or more).
         *
         * @param decay the weight decay
         * @return this builder
         */
        public Builder optWeightDecay(float decay) {
            values.put("weightDecay", decay);
            return this;
        }

        /**
         * Sets the learning-rate schedule.
         *
         * @param schedule the learning-rate schedule
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            values.put("schedule", schedule);
            return this;
        }

        /**
         * Sets the number of linear warm-up epochs (0 or more).
         *
         * @param epochs the number of warm-up epochs
         * @return this builder
         */
        public Builder optWarmupEpochs(int epochs) {
            values.put("warmupEpochs", epochs);
            return this;
        }

        /**
         * Sets label smoothing in [0, 0.5).
         *
         * @param smoothing the label-smoothing factor
         * @return this builder
         */
        public Builder optLabelSmoothing(float smoothing) {
            values.put("labelSmoothing", smoothing);
            return this;
        }

        /**
         * Weights the training loss by inverse class frequency, for imbalanced data.
         *
         * @param classWeights whether to weight classes by inverse frequency
         * @return this builder
         */
        public Builder optClassWeights(boolean classWeights) {
            values.put("classWeights", classWeights);
            return this;
        }

        /**
         * Sets the training-time augmentation.
         *
         * @param augmentation the training-time augmentation
         * @return this builder
         */
        public Builder optAugmentation(Augmentation augmentation) {
            values.put("augmentation", augmentation);
            return this;
        }

        /**
         * Sets the preprocessing of training and validation images (and of the trained model).
         *
         * @param preprocessing the preprocessing
         * @return this builder
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            values.put("preprocessing", preprocessing);
            return this;
        }

        /**
         * Sets the teachers and settings of knowledge distillation.
         *
         * @param distillation the distillation settings, {@link Distillation#NONE} for none
         * @return this builder
         */
        public Builder optDistillation(Distillation distillation) {
            values.put("distillation", distillation);
            return this;
        }

        /**
         * Returns the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException if a value is invalid
         */
        public TrainingSpec build() {
            return fromDescription(values);
        }
    }
}
