// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.fer4j.core.TestTimeAugmentation;

/**
 * Options of an {@link EmotionClassifier}. Immutable; build one with {@link #builder()}.
 */
public final class ClassifierOptions {

    private final int maxConcurrency;
    /** Null: as the model's {@code model.json} says. */
    private final TestTimeAugmentation testTimeAugmentation;
    /** Zero: as the model's {@code model.json} says. */
    private final int centreCrop;

    private ClassifierOptions(Builder b) {
        this.maxConcurrency = b.maxConcurrency;
        this.testTimeAugmentation = b.testTimeAugmentation;
        this.centreCrop = b.centreCrop;
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
     * Returns the views of each face whose probabilities are averaged, when set;
     * {@link EmotionClassifier#testTimeAugmentation()} says what a loaded classifier does.
     *
     * @return the setting, or empty to follow the model's {@code model.json}
     */
    public Optional<TestTimeAugmentation> testTimeAugmentation() {
        return Optional.ofNullable(testTimeAugmentation);
    }

    /**
     * Returns the side of the central square of each face's input that is classified, when set;
     * {@link EmotionClassifier#centreCrop()} says what a loaded classifier does.
     *
     * @return the side in pixels, or empty to follow the model's {@code model.json}
     */
    public OptionalInt centreCrop() {
        return centreCrop == 0 ? OptionalInt.empty() : OptionalInt.of(centreCrop);
    }

    /** Builds {@link ClassifierOptions}. */
    public static final class Builder {
        private int maxConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors());
        private TestTimeAugmentation testTimeAugmentation;
        private int centreCrop;

        private Builder() {}

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
         * Sets the views of each face whose probabilities are averaged, whatever the model's
         * {@code model.json} says (by default a classifier follows the model; each view costs one forward
         * pass, so a camera loop may want {@link TestTimeAugmentation#NONE}; see docs/model-card.md).
         *
         * @param augmentation the views to average
         * @return this builder
         */
        public Builder optTestTimeAugmentation(TestTimeAugmentation augmentation) {
            this.testTimeAugmentation = Objects.requireNonNull(augmentation, "augmentation");
            return this;
        }

        /**
         * Sets the side of the central square of each 48x48 face input that is scaled back to 48x48 and
         * classified, whatever the model's {@code model.json} says (48: the whole input; see
         * {@link TestTimeAugmentation#views(float[], int)}). It costs nothing.
         *
         * @param side an even side from 24 to 48 pixels
         * @return this builder
         * @throws IllegalArgumentException if the side is odd or out of range
         */
        public Builder optCentreCrop(int side) {
            this.centreCrop = TestTimeAugmentation.checkCentreCrop(side);
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
