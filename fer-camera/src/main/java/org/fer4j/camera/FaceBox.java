// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

/**
 * A face rectangle in the pixel coordinates of its frame. Immutable.
 *
 * @param x left edge, in pixels from the left of the frame
 * @param y top edge, in pixels from the top of the frame
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 */
public record FaceBox(int x, int y, int width, int height) {

    /**
     * Checks the size.
     *
     * @param x the left edge
     * @param y the top edge
     * @param width the width, at least 1
     * @param height the height, at least 1
     * @throws IllegalArgumentException if the width or height is below 1
     */
    public FaceBox {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("A face box needs a positive size, got " + width + "x" + height);
        }
    }

    /**
     * Returns the area in pixels.
     *
     * @return the area
     */
    public long area() {
        return (long) width * height;
    }

    /**
     * Returns the intersection over union with {@code other}: 1 for the same box, 0 when they do not overlap.
     *
     * @param other another box in the same frame
     * @return the intersection over union, 0 to 1
     */
    public double iou(FaceBox other) {
        long ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        long iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        long inter = ix * iy;
        return inter == 0 ? 0 : (double) inter / (area() + other.area() - inter);
    }

    /**
     * Returns this box grown by {@code margin} times its size on every side and clipped to a frame of
     * {@code frameWidth} x {@code frameHeight}.
     *
     * @param margin the growth on each side, as a fraction of the box's width and height
     * @param frameWidth the frame's width in pixels
     * @param frameHeight the frame's height in pixels
     * @return the grown box
     */
    public FaceBox expand(double margin, int frameWidth, int frameHeight) {
        int dx = (int) Math.round(width * margin);
        int dy = (int) Math.round(height * margin);
        int left = Math.max(0, x - dx);
        int top = Math.max(0, y - dy);
        int right = Math.min(frameWidth, x + width + dx);
        int bottom = Math.min(frameHeight, y + height + dy);
        return new FaceBox(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }
}
