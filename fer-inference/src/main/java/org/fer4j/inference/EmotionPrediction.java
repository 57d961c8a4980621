// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.modality.Classifications;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fer4j.core.Emotion;
import org.fer4j.core.EmotionLabels;

/**
 * The classification of one face: a probability for every label of the model (summing to 1), the
 * top label and a ranked view. Immutable and safe to share between threads.
 */
public final class EmotionPrediction {

    private final EmotionLabels labels;
    private final float[] probabilities;
    private final int top;

    /**
     * Creates a prediction from probabilities in label order.
     *
     * @param labels the model's labels
     * @param probabilities one probability per label, in label order
     * @throws IllegalArgumentException if the sizes differ or a value is not a probability
     */
    public EmotionPrediction(EmotionLabels labels, float[] probabilities) {
        if (probabilities.length != labels.size()) {
            throw new IllegalArgumentException(
                    probabilities.length + " probabilities for " + labels.size() + " labels");
        }
        int best = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1.0001f)) {
                throw new IllegalArgumentException("Not a probability: " + probabilities[i]);
            }
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        this.labels = labels;
        this.probabilities = probabilities.clone();
        this.top = best;
    }

    /**
     * Returns the most probable label, for example {@code "happy"}.
     *
     * @return the top label
     */
    public String label() {
        return labels.name(top);
    }

    /**
     * Returns the most probable emotion.
     *
     * @return the top emotion
     * @throws IllegalStateException if the model's labels are not the seven {@link Emotion}s
     */
    public Emotion emotion() {
        try {
            return Emotion.fromLabel(label());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("This model's label '" + label() + "' is not an Emotion; use label()", e);
        }
    }

    /**
     * Returns the probability of the most probable label.
     *
     * @return the top probability, 0 to 1
     */
    public float probability() {
        return probabilities[top];
    }

    /**
     * Returns the probability of {@code label}.
     *
     * @param label a label of the model
     * @return its probability, 0 to 1
     * @throws IllegalArgumentException if the model has no such label
     */
    public float probability(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("No label '" + label + "' in " + labels.names());
        }
        return probabilities[i];
    }

    /**
     * Returns the probability of {@code emotion}.
     *
     * @param emotion an emotion the model knows
     * @return its probability, 0 to 1
     */
    public float probability(Emotion emotion) {
        return probability(emotion.label());
    }

    /**
     * Returns a copy of all probabilities, in the model's label order.
     *
     * @return the probabilities in label order
     */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * Returns the model's labels, in the order of {@link #probabilities()}.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns every label with its probability, most probable first, as DJL's {@link Classifications.Classification}s
     * ({@code getClassName()}, {@code getProbability()}).
     *
     * @return the labels with their probabilities, most probable first
     */
    public List<Classifications.Classification> ranked() {
        return List.copyOf(toClassifications().topK(probabilities.length));
    }

    /**
     * Returns this prediction as DJL's {@link Classifications}: the model's label names with their
     * probabilities, in label order.
     *
     * @return the classifications
     */
    public Classifications toClassifications() {
        List<Double> values = new ArrayList<>(probabilities.length);
        for (float p : probabilities) {
            values.add((double) p);
        }
        return new Classifications(labels.names(), values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmotionPrediction other
                && other.labels.equals(labels)
                && Arrays.equals(other.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.3f)", label(), probability());
    }
}
