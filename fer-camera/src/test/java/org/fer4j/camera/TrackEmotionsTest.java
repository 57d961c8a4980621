// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fer4j.core.EmotionLabels;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;

class TrackEmotionsTest {

    private static final EmotionLabels LABELS = EmotionLabels.of("a", "b");
    private static final FaceDetection FACE = FaceDetection.of(new FaceBox(0, 0, 100, 100));

    private static EmotionPrediction p(float a) {
        return new EmotionPrediction(LABELS, new float[] {a, 1 - a});
    }

    private static FaceTracker.Assignment face(int track, boolean classify) {
        return new FaceTracker.Assignment(track, FACE, classify);
    }

    @Test
    void smoothsProbabilitiesWithAnExponentialMovingAverage() {
        TrackEmotions emotions = new TrackEmotions(0.25);
        // The first frame of a track is taken as it is.
        assertThat(emotions.update(List.of(face(1, true)), List.of(p(1f)))
                        .get(0)
                        .prediction()
                        .probability("a"))
                .isEqualTo(1f);
        // 0.25 * 0 + 0.75 * 1 = 0.75, then 0.25 * 0 + 0.75 * 0.75 = 0.5625.
        EmotionPrediction second =
                emotions.update(List.of(face(1, true)), List.of(p(0f))).get(0).prediction();
        assertThat(second.probability("a")).isCloseTo(0.75f, within(1e-6f));
        assertThat(second.probability("b")).isCloseTo(0.25f, within(1e-6f));
        EmotionPrediction third =
                emotions.update(List.of(face(1, true)), List.of(p(0f))).get(0).prediction();
        assertThat(third.probability("a")).isCloseTo(0.5625f, within(1e-6f));
        assertThat(third.label()).isEqualTo("a");
    }

    @Test
    void aFaceNotClassifiedKeepsItsPreviousPredictionAndIsNotFresh() {
        TrackEmotions emotions = new TrackEmotions(1);
        emotions.update(List.of(face(1, true), face(2, true)), List.of(p(0.9f), p(0.2f)));
        List<TrackedFace> next = emotions.update(List.of(face(1, false), face(2, true)), List.of(p(0.6f)));
        assertThat(next).extracting(TrackedFace::fresh).containsExactly(false, true);
        assertThat(next.get(0).prediction().probability("a")).isEqualTo(0.9f);
        assertThat(next.get(1).prediction().probability("a")).isEqualTo(0.6f);
        assertThat(next.get(0).carried().fresh()).isFalse();
        assertThat(next.get(1).carried())
                .isEqualTo(new TrackedFace(2, FACE, next.get(1).prediction(), false));
    }

    @Test
    void aFaceNotClassifiedWithoutAnEarlierPredictionIsAnError() {
        TrackEmotions emotions = new TrackEmotions(1);
        assertThatThrownBy(() -> emotions.update(List.of(face(7, false)), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Track 7");
    }
}
