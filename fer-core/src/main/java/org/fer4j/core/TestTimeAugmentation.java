// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The views of each face a classifier averages the probabilities of (test-time augmentation). A model's
 * {@code model.json} may name the one it was measured with; fer-inference's {@code ClassifierOptions} can
 * override it.
 */
public enum TestTimeAugmentation {
    /** The face as it is: one forward pass. */
    NONE,
    /** The face and its mirror image: two passes. */
    FLIP,
    /**
     * Five 44x44 squares of the 48x48 input (the four corners and the centre), each scaled back to 48x48,
     * and their mirror images: ten passes.
     */
    TEN_CROP;

    /** Side of the squares {@link #TEN_CROP} cuts out of the 48x48 input. */
    public static final int CROP_SIDE = 44;

    /**
     * Returns the name used in {@code model.json} and on the command line: {@code none}, {@code flip},
     * {@code ten-crop}.
     *
     * @return the name
     */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the augmentation with the given {@link #id()}, ignoring case.
     *
     * @param id the name, such as {@code ten-crop}
     * @return the augmentation
     * @throws IllegalArgumentException if no augmentation has that name
     */
    @JsonCreator
    public static TestTimeAugmentation of(String id) {
        for (TestTimeAugmentation t : values()) {
            if (t.id().equalsIgnoreCase(id) || t.name().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown test-time augmentation '" + id + "'; known: none, flip, ten-crop");
    }

    /**
     * Returns the forward passes this augmentation costs per face: 1, 2 or 10.
     *
     * @return the number of views classified per face
     */
    public int passes() {
        return this == NONE ? 1 : this == FLIP ? 2 : 10;
    }

    /**
     * Returns the model inputs to classify for one face's input, the face itself first.
     *
     * @param input a model input of {@link Preprocessing#PIXELS} floats, row-major
     * @return {@link #passes()} new or shared inputs; the first is {@code input} itself unless cropped
     */
    public List<float[]> views(float[] input) {
        return views(input, Preprocessing.SIZE);
    }

    /**
     * Returns the model inputs to classify for one face's input, taking the views of its central
     * {@code centreCrop} x {@code centreCrop} square scaled back to 48x48 rather than of the whole input.
     * Networks trained with random shifts and scaling can classify such a slightly enlarged face better at
     * no cost; a model's {@code model.json} records the side chosen for it on the validation split.
     *
     * @param input a model input of {@link Preprocessing#PIXELS} floats, row-major
     * @param centreCrop the side of the central square, as {@link #checkCentreCrop} accepts; 48 for the
     *     whole input
     * @return {@link #passes()} new or shared inputs, the (cropped) face itself first
     * @throws IllegalArgumentException if {@code centreCrop} is not accepted
     */
    public List<float[]> views(float[] input, int centreCrop) {
        checkCentreCrop(centreCrop);
        if (centreCrop != Preprocessing.SIZE) {
            int offset = (Preprocessing.SIZE - centreCrop) / 2;
            input = Preprocessing.crop(input, offset, offset, centreCrop);
        }
        List<float[]> views = new ArrayList<>();
        if (this == TEN_CROP) {
            int far = Preprocessing.SIZE - CROP_SIDE;
            int[][] corners = {{0, 0}, {far, 0}, {0, far}, {far, far}, {far / 2, far / 2}};
            for (int[] c : corners) {
                views.add(Preprocessing.crop(input, c[0], c[1], CROP_SIDE));
            }
        } else {
            views.add(input);
        }
        if (this != NONE) {
            int n = views.size();
            for (int i = 0; i < n; i++) {
                views.add(mirror(views.get(i)));
            }
        }
        return views;
    }

    /**
     * Checks the side of a centre crop: even, so the square sits exactly in the middle, and from 24 (half the
     * input) to 48 (the whole input).
     *
     * @param side the side in pixels
     * @return {@code side}
     * @throws IllegalArgumentException if the side is odd or out of range
     */
    public static int checkCentreCrop(int side) {
        if (side % 2 != 0 || side < Preprocessing.SIZE / 2 || side > Preprocessing.SIZE) {
            throw new IllegalArgumentException(
                    "centre crop must be an even side from 24 to 48 pixels (48: the whole input), got " + side);
        }
        return side;
    }

    private static float[] mirror(float[] img) {
        int s = Preprocessing.SIZE;
        float[] m = new float[img.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                m[y * s + x] = img[y * s + s - 1 - x];
            }
        }
        return m;
    }
}
