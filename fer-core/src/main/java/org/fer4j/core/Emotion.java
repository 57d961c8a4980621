// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.util.Locale;

/**
 * The seven basic emotions of FER-2013, in the order that sorting the dataset's folder names gives.
 *
 * <p>This order (angry, disgust, fear, happy, neutral, sad, surprise) is the default label order of
 * every model fer4j trains; the FER-2013 CSV uses a different one, which is why a model always
 * carries its own {@link EmotionLabels}.
 */
public enum Emotion {
    /** Angry. */
    ANGRY("Angry"),
    /** Disgust. */
    DISGUST("Disgust"),
    /** Fear. */
    FEAR("Fear"),
    /** Happy. */
    HAPPY("Happy"),
    /** Neutral (no marked expression). */
    NEUTRAL("Neutral"),
    /** Sad. */
    SAD("Sad"),
    /** Surprise. */
    SURPRISE("Surprise");

    private final String displayName;

    Emotion(String displayName) {
        this.displayName = displayName;
    }

    /**
     * Returns the lower-case label used in folder names and label files, for example {@code "happy"}.
     *
     * @return the label, for example {@code "happy"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the capitalised name for people, for example {@code "Happy"}.
     *
     * @return the display name, for example {@code "Happy"}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns the emotion whose label is {@code label}, ignoring case.
     *
     * @param label a label such as {@code "happy"}, in any case
     * @return the emotion with that label
     * @throws IllegalArgumentException if no emotion has that label
     */
    public static Emotion fromLabel(String label) {
        for (Emotion e : values()) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Not one of the seven emotion labels: '" + label + "'");
    }
}
