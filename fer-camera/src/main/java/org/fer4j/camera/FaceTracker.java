package org.fer4j.camera;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fer4j.inference.EmotionPrediction;

/**
 * Follows faces across analysed frames by box overlap and, optionally, smooths each track's
 * probabilities with an exponential moving average. Used by one thread.
 */
final class FaceTracker {

    /** Least intersection over union for a detection to continue a track. */
    static final double MIN_IOU = 0.3;
    /** Analysed frames a track may go unseen before it is forgotten (covers detector flicker). */
    static final int MAX_MISSED = 10;

    private final double newWeight;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    /**
     * @param newWeight weight of the newest prediction in the moving average, in (0, 1]; 1 turns
     *     smoothing off
     */
    FaceTracker(double newWeight) {
        this.newWeight = newWeight;
    }

    /** Matches this frame's detections to tracks and returns them as faces, in detection order. */
    List<DetectedFace> update(List<FaceDetection> detections, List<EmotionPrediction> predictions) {
        int n = detections.size();
        Track[] assigned = new Track[n];
        // Greedy matching, best overlaps first: enough for the handful of faces in a frame.
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < tracks.size(); t++) {
                double iou = detections.get(i).box().iou(tracks.get(t).box);
                if (iou >= MIN_IOU) {
                    pairs.add(new double[] {iou, i, t});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        boolean[] taken = new boolean[tracks.size()];
        for (double[] p : pairs) {
            int i = (int) p[1];
            int t = (int) p[2];
            if (assigned[i] == null && !taken[t]) {
                assigned[i] = tracks.get(t);
                taken[t] = true;
            }
        }
        for (int t = tracks.size() - 1; t >= 0; t--) {
            if (!taken[t] && ++tracks.get(t).missed > MAX_MISSED) {
                tracks.remove(t);
            }
        }
        List<DetectedFace> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EmotionPrediction p = predictions.get(i);
            Track track = assigned[i];
            if (track == null) {
                track = new Track(nextId++);
                tracks.add(track);
                track.probabilities = p.probabilities();
            } else {
                track.missed = 0;
                track.probabilities = smooth(track.probabilities, p.probabilities());
            }
            track.box = detections.get(i).box();
            EmotionPrediction shown = newWeight >= 1 ? p : new EmotionPrediction(p.labels(), track.probabilities);
            faces.add(new DetectedFace(track.id, detections.get(i), shown));
        }
        return faces;
    }

    private float[] smooth(float[] old, float[] fresh) {
        if (newWeight >= 1 || old.length != fresh.length) {
            return fresh;
        }
        float[] out = Arrays.copyOf(fresh, fresh.length);
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (newWeight * fresh[c] + (1 - newWeight) * old[c]);
        }
        return out;
    }

    private static final class Track {
        final int id;
        FaceBox box;
        float[] probabilities;
        int missed;

        Track(int id) {
            this.id = id;
        }
    }
}
