// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.Objects;

/**
 * The five facial landmarks of a face detection, in frame pixels. Immutable. "Right" and "left" are
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
     * A point in frame pixels (sub-pixel, and possibly just outside the frame).
     *
     * @param x pixels from the left of the frame
     * @param y pixels from the top of the frame
     */
    public record Point(double x, double y) {}

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
        return Math.toDegrees(Math.atan2(leftEye.y() - rightEye.y(), leftEye.x() - rightEye.x()));
    }

    /** Returns the five points in the order of the record's components. */
    Point[] points() {
        return new Point[] {rightEye, leftEye, noseTip, rightMouthCorner, leftMouthCorner};
    }
}
