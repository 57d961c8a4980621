// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import ai.djl.modality.cv.output.Point;
import java.util.Arrays;
import java.util.Objects;

/**
 * The five facial landmarks of a face detection, as DJL {@link Point}s in frame pixels (sub-pixel, and possibly
 * just outside the frame). Immutable. "Right" and "left" are
 * the person's, as in OpenCV's YuNet: the right eye is on the left of the picture of a frontal face.
 *
 * @param rightEye the centre of the person's right eye
 * @param leftEye the centre of the person's left eye
 * @param noseTip the tip of the nose
 * @param rightMouthCorner the right corner of the mouth
 * @param leftMouthCorner the left corner of the mouth
 */
public record FaceLandmarks(
        Point rightEye, Point leftEye, Point noseTip, Point rightMouthCorner, Point leftMouthCorner) {

    /**
     * Checks that no point is null.
     *
     * @param rightEye the person's right eye
     * @param leftEye the person's left eye
     * @param noseTip the nose tip
     * @param rightMouthCorner the right mouth corner
     * @param leftMouthCorner the left mouth corner
     */
    public FaceLandmarks {
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(noseTip, "noseTip");
        Objects.requireNonNull(rightMouthCorner, "rightMouthCorner");
        Objects.requireNonNull(leftMouthCorner, "leftMouthCorner");
    }

    /**
     * Returns how far the face is tilted in the picture: the angle of the line from the right eye to the
     * left eye, in degrees, positive when the left eye (on the right of the picture) is lower.
     *
     * @return the roll angle in degrees, -180 to 180
     */
    public double rollDegrees() {
        return Math.toDegrees(Math.atan2(leftEye.getY() - rightEye.getY(), leftEye.getX() - rightEye.getX()));
    }

    /** Equal when every point has the same coordinates (DJL's {@link Point} compares by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FaceLandmarks other && Arrays.equals(coordinates(), other.coordinates());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coordinates());
    }

    @Override
    public String toString() {
        return "FaceLandmarks" + Arrays.toString(coordinates());
    }

    private double[] coordinates() {
        Point[] p = points();
        double[] c = new double[2 * p.length];
        for (int i = 0; i < p.length; i++) {
            c[2 * i] = p[i].getX();
            c[2 * i + 1] = p[i].getY();
        }
        return c;
    }

    /** Returns the five points in the order of the record's components. */
    Point[] points() {
        return new Point[] {rightEye, leftEye, noseTip, rightMouthCorner, leftMouthCorner};
    }
}
