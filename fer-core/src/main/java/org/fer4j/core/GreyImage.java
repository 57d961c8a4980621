// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Objects;

/**
 * A grey image of any size as grey levels from 0 to 255 in floats, row-major: a face cut out of a frame,
 * before {@link Preprocessing} makes it the network's input. This is the one place where colour becomes
 * grey, with the ITU-R BT.601 luma weights {@code 0.299 R + 0.587 G + 0.114 B}. Immutable.
 */
public final class GreyImage {

    private final float[] levels;
    private final int width;
    private final int height;

    private GreyImage(float[] levels, int width, int height) {
        this.levels = levels;
        this.width = width;
        this.height = height;
    }

    /**
     * Returns a grey image holding a copy of {@code levels}.
     *
     * @param levels the grey levels, row-major, in 0..255
     * @param width the width in pixels
     * @param height the height in pixels
     * @return the image
     * @throws IllegalArgumentException if the sizes are not positive or do not match the array
     */
    public static GreyImage of(float[] levels, int width, int height) {
        checkSize(Objects.requireNonNull(levels, "levels").length, width, height, 1);
        return new GreyImage(levels.clone(), width, height);
    }

    /**
     * Converts packed 8-bit pixels, as OpenCV and {@link BufferedImage#TYPE_3BYTE_BGR} store them: one byte
     * per pixel (grey), three (blue, green, red) or four (blue, green, red, alpha; alpha is ignored).
     *
     * @param pixels the pixels, row-major, rows packed without padding
     * @param width the width in pixels
     * @param height the height in pixels
     * @param channels 1, 3 or 4
     * @return the image
     * @throws IllegalArgumentException if {@code channels} is not 1, 3 or 4, or the sizes do not match the array
     */
    public static GreyImage fromPixels(byte[] pixels, int width, int height, int channels) {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("Expected 1, 3 or 4 channels, got " + channels);
        }
        checkSize(Objects.requireNonNull(pixels, "pixels").length, width, height, channels);
        float[] grey = new float[width * height];
        if (channels == 1) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = pixels[i] & 0xFF;
            }
        } else {
            for (int i = 0, j = 0; i < grey.length; i++, j += channels) {
                grey[i] = luma(pixels[j + 2] & 0xFF, pixels[j + 1] & 0xFF, pixels[j] & 0xFF);
            }
        }
        return new GreyImage(grey, width, height);
    }

    /**
     * Converts a {@link BufferedImage} of any type: grey images keep their stored levels (16-bit ones
     * scaled to 0..255), colour images are converted from their sRGB values.
     *
     * @param image the image
     * @return the grey image
     */
    public static GreyImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) {
            // Read as stored: Java2D would treat them as linear grey and brighten them on the way to sRGB.
            Raster raster = image.getRaster();
            int[] row = new int[w];
            float scale = type == BufferedImage.TYPE_USHORT_GRAY ? 255f / 65535f : 1f;
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = row[x] * scale;
                }
            }
        } else {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = argb[x];
                    grey[y * w + x] = luma((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
                }
            }
        }
        return new GreyImage(grey, w, h);
    }

    /** The BT.601 grey level of an sRGB colour. */
    static float luma(int r, int g, int b) {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    private static void checkSize(int length, int width, int height, int channels) {
        if (width <= 0 || height <= 0 || (long) width * height * channels != length) {
            throw new IllegalArgumentException("A " + width + "x" + height + " image with " + channels
                    + " channel(s) has " + (long) width * height * channels + " values, got " + length);
        }
    }

    /**
     * Returns the width in pixels.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Returns the height in pixels.
     *
     * @return the height
     */
    public int height() {
        return height;
    }

    /**
     * Returns a copy of the grey levels, row-major, in 0..255.
     *
     * @return the levels
     */
    public float[] levels() {
        return levels.clone();
    }

    /** The levels without a copy, for this package's preprocessing. */
    float[] levelsView() {
        return levels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GreyImage g && g.width == width && g.height == height && Arrays.equals(g.levels, levels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "x" + height + "]";
    }
}
