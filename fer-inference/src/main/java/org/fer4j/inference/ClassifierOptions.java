// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.fer4j.core.TestTimeAugmentation;

/**
 * Options of an {@link EmotionClassifier}. Immutable: start from {@link #defaults()} and change a setting with
 * a {@code with} method, which returns new options.
 *
 * <pre>{@code
 * ClassifierOptions options = ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE);
 * }</pre>
 */
public final class ClassifierOptions {

    private static final ClassifierOptions DEFAULTS =
            new ClassifierOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), null, 0);

    private final int maxConcurrency;
    /** Null: as the model's {@code model.json} says. */
    private final TestTimeAugmentation testTimeAugmentation;
    /** Zero: as the model's {@code model.json} says. */
    private final int centreCrop;

    private ClassifierOptions(int maxConcurrency, TestTimeAugmentation testTimeAugmentation, int centreCrop) {
        this.maxConcurrency = maxConcurrency;
        this.testTimeAugmentation = testTimeAugmentation;
        this.centreCrop = centreCrop;
    }

    /**
     * Returns the default options: as many predictions at once as there are processors, and the test-time
     * augmentation and centre crop the model's {@code model.json} names.
     *
     * @return the default options
     */
    public static ClassifierOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with how many predictions may run at the same time (the predictor pool size).
     *
     * @param n the predictor pool size, at least 1
     * @return the new options
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public ClassifierOptions withMaxConcurrency(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1, got " + n);
        }
        return new ClassifierOptions(n, testTimeAugmentation, centreCrop);
    }

    /**
     * Returns these options with the views of each face whose probabilities are averaged, whatever the model's
     * {@code model.json} says (by default a classifier follows the model; each view costs one forward pass, so
     * a camera loop may want {@link TestTimeAugmentation#NONE}; see docs/model-card.md).
     *
     * @param augmentation the views to average
     * @return the new options
     */
    public ClassifierOptions withTestTimeAugmentation(TestTimeAugmentation augmentation) {
        return new ClassifierOptions(maxConcurrency, Objects.requireNonNull(augmentation, "augmentation"), centreCrop);
    }

    /**
     * Returns these options with the side of the central square of each 48x48 face input that is scaled back
     * to 48x48 and classified, whatever the model's {@code model.json} says (48: the whole input; see
     * {@link TestTimeAugmentation#views(float[], int)}). It costs nothing.
     *
     * @param side an even side from 24 to 48 pixels
     * @return the new options
     * @throws IllegalArgumentException if the side is odd or out of range
     */
    public ClassifierOptions withCentreCrop(int side) {
        return new ClassifierOptions(maxConcurrency, testTimeAugmentation, TestTimeAugmentation.checkCentreCrop(side));
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
}
