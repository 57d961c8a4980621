// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static List<FaceDetection> faces(FaceBox... boxes) {
        return Arrays.stream(boxes).map(FaceDetection::of).toList();
    }

    private static FaceBox at(int x) {
        return new FaceBox(x, 0, 100, 100);
    }

    @Test
    void keepsIdsForOverlappingBoxesAndGivesNewOnesToNewFaces() {
        FaceTracker tracker = new FaceTracker(Integer.MAX_VALUE);
        assertThat(tracker.update(faces(at(0), at(300))))
                .extracting(FaceTracker.Assignment::track)
                .containsExactly(1, 2);

        // Both moved by 10 pixels (IoU 0.82), a third face appears; the order of detections changed.
        List<FaceTracker.Assignment> second = tracker.update(faces(at(310), at(600), at(10)));
        assertThat(second).extracting(FaceTracker.Assignment::track).containsExactly(2, 3, 1);
        assertThat(second.get(0).detection().box()).isEqualTo(at(310));
        assertThat(second).allMatch(FaceTracker.Assignment::classify);
    }

    @Test
    void forgetsTracksUnseenForTooLong() {
        FaceTracker tracker = new FaceTracker(Integer.MAX_VALUE);
        tracker.update(faces(at(0)));
        for (int i = 0; i < FaceTracker.MAX_MISSED; i++) {
            tracker.update(faces());
        }
        assertThat(tracker.update(faces(at(0))).get(0).track()).isEqualTo(1);
        for (int i = 0; i <= FaceTracker.MAX_MISSED; i++) {
            tracker.update(faces());
        }
        assertThat(tracker.update(faces(at(0))).get(0).track()).isEqualTo(2);
    }

    @Test
    void classifiesNewFacesAtOnceAndTheOthersInTurnWithinTheLimit() {
        FaceTracker tracker = new FaceTracker(2);
        List<FaceDetection> four = faces(at(0), at(200), at(400), at(600));
        // All four are new: all classified, even beyond the limit.
        assertThat(tracker.update(four)).allMatch(FaceTracker.Assignment::classify);
        // Then two per frame, the longest-waiting first (ties left to right), so each face every second frame.
        assertThat(tracker.update(four))
                .extracting(FaceTracker.Assignment::classify)
                .containsExactly(true, true, false, false);
        assertThat(tracker.update(four))
                .extracting(FaceTracker.Assignment::classify)
                .containsExactly(false, false, true, true);
        assertThat(tracker.update(four))
                .extracting(FaceTracker.Assignment::classify)
                .containsExactly(true, true, false, false);
        // A new face takes one of the two places; the other goes to the face waiting longest.
        List<FaceTracker.Assignment> withNew = tracker.update(faces(at(0), at(200), at(400), at(600), at(800)));
        assertThat(withNew)
                .extracting(FaceTracker.Assignment::classify)
                .containsExactly(false, false, true, false, true);
        assertThat(withNew.get(4).track()).isEqualTo(5);
    }

    @Test
    void classifiesAFaceAgainWhenItWasMissingFromThePreviousFrame() {
        FaceTracker tracker = new FaceTracker(1);
        tracker.update(faces(at(0), at(300)));
        tracker.update(faces(at(0)));
        // Face 2 is back after a frame away: it keeps its id and is classified, beyond the limit of one.
        List<FaceTracker.Assignment> back = tracker.update(faces(at(0), at(300)));
        assertThat(back).extracting(FaceTracker.Assignment::track).containsExactly(1, 2);
        assertThat(back.get(1).classify()).isTrue();
    }
}
