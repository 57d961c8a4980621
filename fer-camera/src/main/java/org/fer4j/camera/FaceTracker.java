// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Follows faces across analysed frames by box overlap, and decides which of them to classify in each
 * frame: every face that is new or was not seen in the previous analysed frame, then the faces whose last
 * classification is oldest, up to a number per frame. Used by one thread (the camera's reader).
 */
final class FaceTracker {

    /** Least intersection over union for a detection to continue a track. */
    static final double MIN_IOU = 0.3;
    /** Analysed frames a track may go unseen before it is forgotten (covers detector flicker). */
    static final int MAX_MISSED = 10;

    /**
     * The tracker's decision for one detection of an analysed frame: which track it continues and whether to
     * classify it. Not yet a classified face: the camera turns it into a {@link TrackedFace} once the emotion
     * is known.
     *
     * @param track the track id, from 1
     * @param detection the face as detected
     * @param classify whether it is to be classified in this frame; when false, the previous analysed frame
     *     showed the same track, whose prediction it keeps
     */
    record Assignment(int track, FaceDetection detection, boolean classify) {}

    private final int classifyAtMost;
    private final boolean stills;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;
    private long frame;

    /**
     * @param classifyAtMost faces to classify per analysed frame, at least 1; faces that are new or were
     *     missing from the previous analysed frame are classified even beyond it
     */
    FaceTracker(int classifyAtMost) {
        this(classifyAtMost, false);
    }

    private FaceTracker(int classifyAtMost, boolean stills) {
        this.classifyAtMost = classifyAtMost;
        this.stills = stills;
    }

    /**
     * Returns a tracker for separate photos: every frame starts afresh (tracks numbered from 1, every face
     * classified), since a face in one photo is not the face at the same place in the next.
     */
    static FaceTracker forStills() {
        return new FaceTracker(Integer.MAX_VALUE, true);
    }

    /** Matches this frame's detections to tracks and returns them in detection order. */
    List<Assignment> update(List<FaceDetection> detections) {
        if (stills) {
            tracks.clear();
            nextId = 1;
        }
        frame++;
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
        boolean[] classify = new boolean[n];
        int budget = classifyAtMost;
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Track track = assigned[i];
            if (track == null) {
                track = new Track(nextId++);
                tracks.add(track);
                assigned[i] = track;
                classify[i] = true;
                budget--;
            } else if (track.missed > 0) {
                // Its last prediction belongs to a frame before the previous one, which the consumer no
                // longer holds.
                classify[i] = true;
                budget--;
            } else {
                known.add(i);
            }
            track.missed = 0;
            track.box = detections.get(i).box();
        }
        known.sort(Comparator.comparingLong(i -> assigned[i].classifiedAt));
        for (int k = 0; k < known.size() && k < budget; k++) {
            classify[known.get(k)] = true;
        }
        List<Assignment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (classify[i]) {
                assigned[i].classifiedAt = frame;
            }
            out.add(new Assignment(assigned[i].id, detections.get(i), classify[i]));
        }
        return out;
    }

    private static final class Track {
        final int id;
        FaceBox box;
        int missed;
        long classifiedAt;

        Track(int id) {
            this.id = id;
        }
    }
}
