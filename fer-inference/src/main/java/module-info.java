// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Emotion classification of face images with a trained model: {@link org.fer4j.inference.EmotionClassifier}
 * and its results.
 */
module org.fer4j.inference {
    requires transitive org.fer4j.core;
    requires com.fasterxml.jackson.databind;

    exports org.fer4j.inference;

    // Jackson writes the evaluation report's JSON by reflection.
    opens org.fer4j.inference to
            com.fasterxml.jackson.databind;
}
