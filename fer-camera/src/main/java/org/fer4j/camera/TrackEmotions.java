// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.fer4j.inference.EmotionPrediction;

/**
 * The emotion shown for each tracked face: a fresh classification, optionally averaged with what the track
 * showed in the previous analysed frame, or that previous prediction again when the face was not
 * classified this time. Used by one thread (the camera's loop).
 */
final class TrackEmotions {

    private final double newWeight;
    private Map<Integer, EmotionPrediction> previous = Map.of();

    /**
     * @param newWeight weight of the newest prediction in the exponential moving average, in (0, 1]; 1 turns
     *     smoothing off
     */
    TrackEmotions(double newWeight) {
        this.newWeight = newWeight;
    }

    /**
     * Returns the faces of an analysed frame with their emotions.
     *
     * @param faces the frame's tracked faces
     * @param fresh the predictions of the faces marked {@link FaceTracker.Assignment#classify()}, in order
     * @throws IllegalStateException if a face not classified now has no prediction from the previous frame
     */
    List<TrackedFace> update(List<FaceTracker.Assignment> faces, List<EmotionPrediction> fresh) {
        Iterator<EmotionPrediction> next = fresh.iterator();
        Map<Integer, EmotionPrediction> shown = new HashMap<>();
        List<TrackedFace> out = new ArrayList<>(faces.size());
        for (FaceTracker.Assignment face : faces) {
            EmotionPrediction before = previous.get(face.track());
            EmotionPrediction p;
            if (face.classify()) {
                p = smooth(before, next.next());
            } else if (before != null) {
                p = before;
            } else {
                throw new IllegalStateException(
                        "Track " + face.track() + " was not classified and has no earlier prediction");
            }
            shown.put(face.track(), p);
            out.add(new TrackedFace(face.track(), face.detection(), p, face.classify()));
        }
        previous = shown;
        return out;
    }

    private EmotionPrediction smooth(EmotionPrediction old, EmotionPrediction fresh) {
        if (newWeight >= 1 || old == null) {
            return fresh;
        }
        float[] a = old.probabilities();
        float[] b = fresh.probabilities();
        float[] out = new float[b.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (newWeight * b[c] + (1 - newWeight) * a[c]);
        }
        return new EmotionPrediction(fresh.labels(), out);
    }
}
