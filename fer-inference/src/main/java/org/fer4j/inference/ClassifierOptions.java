package org.fer4j.inference;

import java.util.Optional;

/**
 * Options of an {@link EmotionClassifier}. Immutable; build one with {@link #builder()}.
 */
public final class ClassifierOptions {

    private final int maxConcurrency;
    /** Null: as the model's {@code model.json} says. */
    private final Boolean flipAveraging;

    private ClassifierOptions(Builder b) {
        this.maxConcurrency = b.maxConcurrency;
        this.flipAveraging = b.flipAveraging;
    }

    /**
     * Returns the default options.
     *
     * @return the default options
     */
    public static ClassifierOptions defaults() {
        return builder().build();
    }

    /**
     * Returns a builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns how many predictions may run at the same time (the predictor pool size).
     *
     * @return the predictor pool size
     */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /**
     * Returns whether each face is also classified mirrored and the two results averaged (test-time
     * augmentation), when set; {@link EmotionClassifier#flipAveraging()} says what a loaded classifier does.
     *
     * @return the setting, or empty to follow the model's {@code model.json}
     */
    public Optional<Boolean> flipAveraging() {
        return Optional.ofNullable(flipAveraging);
    }

    /** Builds {@link ClassifierOptions}. */
    public static final class Builder {
        private int maxConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Boolean flipAveraging;

        private Builder() {
        }

        /**
         * Sets how many predictions may run at the same time (default: the number of processors).
         *
         * @param n the predictor pool size, at least 1
         * @return this builder
         */
        public Builder optMaxConcurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, got " + n);
            }
            this.maxConcurrency = n;
            return this;
        }

        /**
         * Averages each face with its mirror image, or not, whatever the model's {@code model.json} says
         * (by default a classifier follows the model: flip averaging costs twice the compute, and it helps
         * some models and not others; see docs/model-card.md).
         *
         * @param on whether to average with the mirror image
         * @return this builder
         */
        public Builder optFlipAveraging(boolean on) {
            this.flipAveraging = on;
            return this;
        }

        /**
         * Returns the options.
         *
         * @return the options
         */
        public ClassifierOptions build() {
            return new ClassifierOptions(this);
        }
    }
}
