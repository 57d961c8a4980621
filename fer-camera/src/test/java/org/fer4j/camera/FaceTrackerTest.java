package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fer4j.core.EmotionLabels;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static final EmotionLabels LABELS = EmotionLabels.of("a", "b");

    private static EmotionPrediction p(float a) {
        return new EmotionPrediction(LABELS, new float[] {a, 1 - a});
    }

    private static List<FaceDetection> faces(FaceBox... boxes) {
        return java.util.Arrays.stream(boxes).map(FaceDetection::of).toList();
    }

    @Test
    void keepsIdsForOverlappingBoxesAndGivesNewOnesToNewFaces() {
        FaceTracker tracker = new FaceTracker(1);
        List<DetectedFace> first = tracker.update(
                faces(new FaceBox(0, 0, 100, 100), new FaceBox(300, 0, 100, 100)), List.of(p(0.9f), p(0.2f)));
        assertThat(first).extracting(DetectedFace::track).containsExactly(1, 2);

        // Both moved by 10 pixels (IoU 0.82), a third face appears; the order of detections changed.
        List<DetectedFace> second = tracker.update(
                faces(new FaceBox(310, 0, 100, 100), new FaceBox(600, 0, 100, 100), new FaceBox(10, 0, 100, 100)),
                List.of(p(0.5f), p(0.5f), p(0.5f)));
        assertThat(second).extracting(DetectedFace::track).containsExactly(2, 3, 1);
        assertThat(second.get(0).box()).isEqualTo(new FaceBox(310, 0, 100, 100));
        // Smoothing is off: the prediction is the raw one.
        assertThat(second.get(2).prediction().probability("a")).isEqualTo(0.5f);
    }

    @Test
    void forgetsTracksUnseenForTooLong() {
        FaceTracker tracker = new FaceTracker(1);
        FaceBox box = new FaceBox(0, 0, 100, 100);
        tracker.update(faces(box), List.of(p(0.5f)));
        for (int i = 0; i < FaceTracker.MAX_MISSED; i++) {
            tracker.update(faces(), List.of());
        }
        assertThat(tracker.update(faces(box), List.of(p(0.5f))).get(0).track()).isEqualTo(1);
        for (int i = 0; i <= FaceTracker.MAX_MISSED; i++) {
            tracker.update(faces(), List.of());
        }
        assertThat(tracker.update(faces(box), List.of(p(0.5f))).get(0).track()).isEqualTo(2);
    }

    @Test
    void smoothsProbabilitiesWithAnExponentialMovingAverage() {
        FaceTracker tracker = new FaceTracker(0.25);
        FaceBox box = new FaceBox(0, 0, 100, 100);
        // The first frame of a track is taken as it is.
        assertThat(tracker.update(faces(box), List.of(p(1f))).get(0).prediction().probability("a")).isEqualTo(1f);
        // 0.25 * 0 + 0.75 * 1 = 0.75, then 0.25 * 0 + 0.75 * 0.75 = 0.5625.
        EmotionPrediction second = tracker.update(faces(box), List.of(p(0f))).get(0).prediction();
        assertThat(second.probability("a")).isCloseTo(0.75f, within(1e-6f));
        assertThat(second.probability("b")).isCloseTo(0.25f, within(1e-6f));
        EmotionPrediction third = tracker.update(faces(box), List.of(p(0f))).get(0).prediction();
        assertThat(third.probability("a")).isCloseTo(0.5625f, within(1e-6f));
        assertThat(third.label()).isEqualTo("a");
    }
}
