// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.fer4j.core.Preprocessing;

/**
 * Random changes applied to training images on the fly (never to validation or test images).
 * Immutable; build one with {@link #builder()}, or use {@link #NONE}.
 *
 * <p>In order: a random affine warp (rotation, scale, shift) sampled bilinearly with replicated
 * edges, a horizontal flip, brightness and contrast, and random erasing of one rectangle.
 */
public final class Augmentation {

    /** No augmentation: images pass through unchanged. */
    public static final Augmentation NONE = builder().build();

    private final boolean flip;
    private final float shift;
    private final float rotationDegrees;
    private final float scale;
    private final float brightness;
    private final float contrast;
    private final float erasing;

    private Augmentation(Builder b) {
        this.flip = b.flip;
        this.shift = b.shift;
        this.rotationDegrees = b.rotationDegrees;
        this.scale = b.scale;
        this.brightness = b.brightness;
        this.contrast = b.contrast;
        this.erasing = b.erasing;
    }

    /**
     * Returns a builder with everything off.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the recipe used by {@code --augment LIGHT}: horizontal flip and shifts of up to 10%.
     *
     * @return the light augmentation
     */
    public static Augmentation light() {
        return builder().optFlip(true).optShift(0.1f).build();
    }

    /**
     * Returns the recipe used by {@code --augment}: flip, shift 10%, rotation 10 degrees, scale 10%, light jitter, erasing 0.25.
     *
     * @return the standard augmentation
     */
    public static Augmentation standard() {
        return builder()
                .optFlip(true)
                .optShift(0.1f)
                .optRotation(10)
                .optScale(0.1f)
                .optBrightness(0.1f)
                .optContrast(0.1f)
                .optErasing(0.25f)
                .build();
    }

    /**
     * Returns true when this augmentation changes nothing.
     *
     * @return whether every setting is off
     */
    public boolean isNone() {
        return !flip
                && shift == 0
                && rotationDegrees == 0
                && scale == 0
                && brightness == 0
                && contrast == 0
                && erasing == 0;
    }

    /**
     * Returns the settings by name, for {@code model.json}.
     *
     * @return the settings by name
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("horizontalFlip", flip);
        d.put("shiftFraction", shift);
        d.put("rotationDegrees", rotationDegrees);
        d.put("scaleFraction", scale);
        d.put("brightness", brightness);
        d.put("contrast", contrast);
        d.put("erasingProbability", erasing);
        return d;
    }

    /**
     * Rebuilds an augmentation from {@link #describe()}'s map.
     *
     * @param d a map made by {@link #describe()}
     * @return the augmentation it describes
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Augmentation fromDescription(Map<String, Object> d) {
        return builder()
                .optFlip((Boolean) d.get("horizontalFlip"))
                .optShift(((Number) d.get("shiftFraction")).floatValue())
                .optRotation(((Number) d.get("rotationDegrees")).floatValue())
                .optScale(((Number) d.get("scaleFraction")).floatValue())
                .optBrightness(((Number) d.get("brightness")).floatValue())
                .optContrast(((Number) d.get("contrast")).floatValue())
                .optErasing(((Number) d.get("erasingProbability")).floatValue())
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation other && other.describe().equals(describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    /**
     * Writes an augmented copy of the 48x48 image {@code src} into {@code dst}.
     *
     * @param random the source of randomness (one per thread)
     * @param src the input image, 48x48 row-major
     * @param dst the output array, same size as {@code src}
     */
    public void apply(float[] src, float[] dst, Random random) {
        int n = Preprocessing.SIZE;
        boolean mirror = flip && random.nextBoolean();
        if (shift == 0 && rotationDegrees == 0 && scale == 0) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    dst[y * n + x] = src[y * n + (mirror ? n - 1 - x : x)];
                }
            }
        } else {
            warp(src, dst, random, mirror);
        }
        if (brightness > 0 || contrast > 0) {
            float b = (random.nextFloat() * 2 - 1) * brightness;
            float c = 1 + (random.nextFloat() * 2 - 1) * contrast;
            float mean = 0;
            for (float v : dst) {
                mean += v;
            }
            mean /= dst.length;
            for (int i = 0; i < dst.length; i++) {
                dst[i] = Math.min(1f, Math.max(0f, (dst[i] - mean) * c + mean + b));
            }
        }
        if (erasing > 0 && random.nextFloat() < erasing) {
            erase(dst, random);
        }
    }

    private void warp(float[] src, float[] dst, Random random, boolean mirror) {
        int n = Preprocessing.SIZE;
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * rotationDegrees);
        double s = 1 + (random.nextDouble() * 2 - 1) * scale;
        double tx = (random.nextDouble() * 2 - 1) * shift * n;
        double ty = (random.nextDouble() * 2 - 1) * shift * n;
        double cos = Math.cos(angle) / s;
        double sin = Math.sin(angle) / s;
        double c = (n - 1) / 2.0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // Inverse mapping: where in the source does this output pixel come from?
                double ox = (mirror ? n - 1 - x : x) - c - tx;
                double oy = y - c - ty;
                double sx = cos * ox + sin * oy + c;
                double sy = -sin * ox + cos * oy + c;
                dst[y * n + x] = bilinear(src, n, sx, sy);
            }
        }
    }

    private static float bilinear(float[] img, int n, double x, double y) {
        x = Math.max(0, Math.min(n - 1, x));
        y = Math.max(0, Math.min(n - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(n - 1, x0 + 1);
        int y1 = Math.min(n - 1, y0 + 1);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        float top = img[y0 * n + x0] * (1 - fx) + img[y0 * n + x1] * fx;
        float bottom = img[y1 * n + x0] * (1 - fx) + img[y1 * n + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static void erase(float[] img, Random random) {
        int n = Preprocessing.SIZE;
        double area = (0.02 + random.nextDouble() * 0.18) * n * n;
        double ratio = Math.exp((random.nextDouble() * 2 - 1) * Math.log(3));
        int h = (int) Math.min(n, Math.round(Math.sqrt(area * ratio)));
        int w = (int) Math.min(n, Math.round(Math.sqrt(area / ratio)));
        int top = random.nextInt(n - h + 1);
        int left = random.nextInt(n - w + 1);
        float fill = random.nextFloat();
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                img[y * n + x] = fill;
            }
        }
    }

    /** Builds an {@link Augmentation}; every option is off until set. */
    public static final class Builder {
        private boolean flip;
        private float shift;
        private float rotationDegrees;
        private float scale;
        private float brightness;
        private float contrast;
        private float erasing;

        private Builder() {}

        /**
         * Mirrors half of the images left to right.
         *
         * @param flip whether to mirror images
         * @return this builder
         */
        public Builder optFlip(boolean flip) {
            this.flip = flip;
            return this;
        }

        /**
         * Shifts images by up to this fraction of their size in x and y.
         *
         * @param fraction the largest shift, 0 to 0.5
         * @return this builder
         */
        public Builder optShift(float fraction) {
            this.shift = check(fraction, 0.5f, "shift");
            return this;
        }

        /**
         * Rotates images by up to this many degrees either way.
         *
         * @param degrees the largest rotation, 0 to 45
         * @return this builder
         */
        public Builder optRotation(float degrees) {
            this.rotationDegrees = check(degrees, 45f, "rotation");
            return this;
        }

        /**
         * Scales images by up to this fraction either way.
         *
         * @param fraction the largest scale change, 0 to 0.5
         * @return this builder
         */
        public Builder optScale(float fraction) {
            this.scale = check(fraction, 0.5f, "scale");
            return this;
        }

        /**
         * Adds a random brightness offset of up to this much (pixel values are 0..1).
         *
         * @param amount the largest brightness offset, 0 to 0.5
         * @return this builder
         */
        public Builder optBrightness(float amount) {
            this.brightness = check(amount, 0.5f, "brightness");
            return this;
        }

        /**
         * Multiplies contrast by a random factor within 1 plus or minus this much.
         *
         * @param amount the largest contrast change, 0 to 0.5
         * @return this builder
         */
        public Builder optContrast(float amount) {
            this.contrast = check(amount, 0.5f, "contrast");
            return this;
        }

        /**
         * Erases one random rectangle (2-20% of the image) with this probability.
         *
         * @param probability the erasing probability, 0 to 1
         * @return this builder
         */
        public Builder optErasing(float probability) {
            this.erasing = check(probability, 1f, "erasing probability");
            return this;
        }

        /**
         * Returns the augmentation.
         *
         * @return the augmentation
         */
        public Augmentation build() {
            return new Augmentation(this);
        }

        private static float check(float v, float max, String what) {
            if (!(v >= 0 && v <= max)) {
                throw new IllegalArgumentException(what + " must be in [0, " + max + "], got " + v);
            }
            return v;
        }
    }
}
