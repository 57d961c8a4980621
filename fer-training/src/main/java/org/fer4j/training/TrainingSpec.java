package org.fer4j.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.nn.Architectures;

/**
 * Everything that defines a training run apart from the data: architecture, optimiser, schedule,
 * regularisation, augmentation, early stopping. Immutable; saved in {@code model.json}.
 *
 * <p>The defaults are the seed's recipe: {@code seed} network, Adam at 0.001, batch 64,
 * 100 epochs, no augmentation; preprocessing {@link #DEFAULT_PREPROCESSING}.
 */
public final class TrainingSpec {

    /** The optimisers a run can use. */
    public enum Optimizer {
        /** Adam; weight decay, when set, is added to the gradient (L2). */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW,
        /** SGD with momentum 0.9 and (coupled) weight decay. */
        SGD,
        /** SGD with Nesterov momentum 0.9 and (coupled) weight decay. */
        NESTEROV
    }

    /** Learning-rate schedules. */
    public enum Schedule {
        /** The same rate every step (after warm-up). */
        CONSTANT,
        /** Cosine decay from the base rate to zero over all epochs (after warm-up). */
        COSINE
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
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The preprocessing of new runs: grey, resize, scale and rank equalisation. */
    public static final Preprocessing DEFAULT_PREPROCESSING = Preprocessing.builder().optEqualize(true).build();

    private final String architecture;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final int patience;
    private final Monitor monitor;
    private final Optimizer optimizer;
    private final float learningRate;
    private final float weightDecay;
    private final Schedule schedule;
    private final int warmupEpochs;
    private final float labelSmoothing;
    private final boolean classWeights;
    private final Augmentation augmentation;
    private final Preprocessing preprocessing;

    private TrainingSpec(Builder b) {
        this.architecture = b.architecture;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.patience = b.patience;
        this.monitor = b.monitor;
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.weightDecay = b.weightDecay;
        this.schedule = b.schedule;
        this.warmupEpochs = b.warmupEpochs;
        this.labelSmoothing = b.labelSmoothing;
        this.classWeights = b.classWeights;
        this.augmentation = b.augmentation;
        this.preprocessing = b.preprocessing;
    }

    /**
     * Returns a builder holding the seed's recipe.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder pre-filled with this spec's values.
     *
     * @return a new builder with this spec's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.architecture = architecture;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.patience = patience;
        b.monitor = monitor;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.schedule = schedule;
        b.warmupEpochs = warmupEpochs;
        b.labelSmoothing = labelSmoothing;
        b.classWeights = classWeights;
        b.augmentation = augmentation;
        b.preprocessing = preprocessing;
        return b;
    }

    /**
     * Returns the architecture name.
     *
     * @return the architecture name
     */
    public String architecture() {
        return architecture;
    }

    /**
     * Returns the maximum number of epochs.
     *
     * @return the maximum number of epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns the batch size.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the random seed for initialisation, shuffling, dropout and augmentation.
     *
     * @return the random seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the early-stopping patience in epochs, 0 when early stopping is off.
     *
     * @return the patience in epochs
     */
    public int patience() {
        return patience;
    }

    /**
     * Returns the monitored validation metric.
     *
     * @return the monitored metric
     */
    public Monitor monitor() {
        return monitor;
    }

    /**
     * Returns the optimiser.
     *
     * @return the optimiser
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Returns the base learning rate.
     *
     * @return the base learning rate
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Returns the weight decay (0 for none).
     *
     * @return the weight decay
     */
    public float weightDecay() {
        return weightDecay;
    }

    /**
     * Returns the learning-rate schedule.
     *
     * @return the learning-rate schedule
     */
    public Schedule schedule() {
        return schedule;
    }

    /**
     * Returns the number of linear warm-up epochs.
     *
     * @return the number of warm-up epochs
     */
    public int warmupEpochs() {
        return warmupEpochs;
    }

    /**
     * Returns the label-smoothing factor (0 for none).
     *
     * @return the label-smoothing factor
     */
    public float labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Returns whether the training loss weights classes by inverse frequency.
     *
     * @return whether classes are weighted
     */
    public boolean classWeights() {
        return classWeights;
    }

    /**
     * Returns the training-time augmentation.
     *
     * @return the augmentation
     */
    public Augmentation augmentation() {
        return augmentation;
    }

    /**
     * Returns the preprocessing applied to training and validation images, saved with the model.
     *
     * @return the preprocessing
     */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Returns the settings by name, for {@code model.json}.
     *
     * @return the settings by name
     */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("architecture", architecture);
        d.put("epochs", epochs);
        d.put("batchSize", batchSize);
        d.put("seed", seed);
        d.put("patience", patience);
        d.put("monitor", monitor.column());
        d.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        d.put("learningRate", learningRate);
        d.put("weightDecay", weightDecay);
        d.put("schedule", schedule.name().toLowerCase(Locale.ROOT));
        d.put("warmupEpochs", warmupEpochs);
        d.put("labelSmoothing", labelSmoothing);
        d.put("classWeights", classWeights);
        d.put("augmentation", augmentation.describe());
        d.put("preprocessing", preprocessing.describe());
        return d;
    }

    /**
     * Rebuilds a spec from {@link #describe()}'s map, as saved in a checkpoint; a map saved before
     * preprocessing was part of the spec gets the preprocessing every run then used.
     *
     * @param d a map made by {@link #describe()}
     * @return the spec it describes
     * @throws IllegalArgumentException if a value is missing or invalid
     */
    public static TrainingSpec fromDescription(Map<String, Object> d) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> aug = (Map<String, Object>) d.get("augmentation");
            return builder()
                    .optArchitecture((String) d.get("architecture"))
                    .optEpochs(((Number) d.get("epochs")).intValue())
                    .optBatchSize(((Number) d.get("batchSize")).intValue())
                    .optSeed(((Number) d.get("seed")).longValue())
                    .optPatience(((Number) d.get("patience")).intValue())
                    .optMonitor(Monitor.valueOf(((String) d.get("monitor")).toUpperCase(Locale.ROOT)))
                    .optOptimizer(Optimizer.valueOf(((String) d.get("optimizer")).toUpperCase(Locale.ROOT)))
                    .optLearningRate(((Number) d.get("learningRate")).floatValue())
                    .optWeightDecay(((Number) d.get("weightDecay")).floatValue())
                    .optSchedule(Schedule.valueOf(((String) d.get("schedule")).toUpperCase(Locale.ROOT)))
                    .optWarmupEpochs(((Number) d.get("warmupEpochs")).intValue())
                    .optLabelSmoothing(((Number) d.get("labelSmoothing")).floatValue())
                    .optClassWeights((Boolean) d.get("classWeights"))
                    .optAugmentation(Augmentation.fromDescription(aug))
                    .optPreprocessing(d.containsKey("preprocessing")
                            ? Preprocessing.fromDescription((Map<?, ?>) d.get("preprocessing"))
                            : Preprocessing.blurredTrainingSplit())
                    .build();
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("Incomplete or invalid training settings: " + d, e);
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

    /** Builds a {@link TrainingSpec}; {@code opt*} setters are optional and validated on the spot. */
    public static final class Builder {
        private String architecture = "seed";
        private int epochs = 100;
        private int batchSize = 64;
        private long seed = 42;
        private int patience;
        private Monitor monitor = Monitor.VAL_LOSS;
        private Optimizer optimizer = Optimizer.ADAM;
        private float learningRate = 0.001f;
        private float weightDecay;
        private Schedule schedule = Schedule.CONSTANT;
        private int warmupEpochs;
        private float labelSmoothing;
        private boolean classWeights;
        private Augmentation augmentation = Augmentation.NONE;
        private Preprocessing preprocessing = DEFAULT_PREPROCESSING;

        private Builder() {
        }

        /**
         * Sets the architecture by registry name.
         *
         * @param name a registered architecture name
         * @return this builder
         */
        public Builder optArchitecture(String name) {
            Architectures.describe(name);
            this.architecture = name;
            return this;
        }

        /**
         * Sets the maximum number of epochs (at least 1).
         *
         * @param epochs the maximum number of epochs
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = positive(epochs, "epochs");
            return this;
        }

        /**
         * Sets the batch size (at least 1).
         *
         * @param batchSize the images per batch
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = positive(batchSize, "batch size");
            return this;
        }

        /**
         * Sets the random seed.
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Stops after this many epochs without improvement of the monitored metric; 0 turns it off.
         *
         * @param patience the patience in epochs, 0 or more
         * @return this builder
         */
        public Builder optPatience(int patience) {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, got " + patience);
            }
            this.patience = patience;
            return this;
        }

        /**
         * Sets the metric that early stopping and best-epoch selection watch.
         *
         * @param monitor the monitored metric
         * @return this builder
         */
        public Builder optMonitor(Monitor monitor) {
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * Sets the optimiser.
         *
         * @param optimizer the optimiser
         * @return this builder
         */
        public Builder optOptimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets the base learning rate (positive).
         *
         * @param rate the base learning rate
         * @return this builder
         */
        public Builder optLearningRate(float rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        /**
         * Sets the weight decay (0 or more).
         *
         * @param decay the weight decay
         * @return this builder
         */
        public Builder optWeightDecay(float decay) {
            if (!(decay >= 0)) {
                throw new IllegalArgumentException("weight decay must be >= 0, got " + decay);
            }
            this.weightDecay = decay;
            return this;
        }

        /**
         * Sets the learning-rate schedule.
         *
         * @param schedule the learning-rate schedule
         * @return this builder
         */
        public Builder optSchedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Sets the number of linear warm-up epochs.
         *
         * @param epochs the number of warm-up epochs, 0 or more
         * @return this builder
         */
        public Builder optWarmupEpochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + epochs);
            }
            this.warmupEpochs = epochs;
            return this;
        }

        /**
         * Sets label smoothing in [0, 0.5).
         *
         * @param smoothing the label-smoothing factor
         * @return this builder
         */
        public Builder optLabelSmoothing(float smoothing) {
            if (!(smoothing >= 0 && smoothing < 0.5f)) {
                throw new IllegalArgumentException("label smoothing must be in [0, 0.5), got " + smoothing);
            }
            this.labelSmoothing = smoothing;
            return this;
        }

        /**
         * Weights the training loss by inverse class frequency, for imbalanced data.
         *
         * @param classWeights whether to weight classes by inverse frequency
         * @return this builder
         */
        public Builder optClassWeights(boolean classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        /**
         * Sets the training-time augmentation.
         *
         * @param augmentation the training-time augmentation
         * @return this builder
         */
        public Builder optAugmentation(Augmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * Sets the preprocessing of training and validation images (and of the trained model).
         *
         * @param preprocessing the preprocessing
         * @return this builder
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
            return this;
        }

        /**
         * Returns the spec.
         *
         * @return the spec
         */
        public TrainingSpec build() {
            return new TrainingSpec(this);
        }

        private static int positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be >= 1, got " + v);
            }
            return v;
        }
    }
}
