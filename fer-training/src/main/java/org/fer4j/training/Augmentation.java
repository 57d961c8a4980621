// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.fer4j.core.Preprocessing;

/**
 * Random changes applied to training images on the fly (never to validation or test images).
 * Immutable; use a preset ({@link #NONE}, {@link #light()}, {@link #standard()}, {@link #robust()}) or rebuild
 * saved settings with {@link #fromDescription(Map)}.
 *
 * <p>In order: a random affine warp (rotation, scale, shift) sampled bilinearly with replicated
 * edges, a horizontal flip, gamma, brightness and contrast, blur, noise, JPEG compression, and random
 * erasing of one rectangle.
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
    private final float gamma;
    private final float blur;
    private final float noise;
    private final int jpegQuality;

    private Augmentation(Builder b) {
        this.flip = b.flip;
        this.shift = b.shift;
        this.rotationDegrees = b.rotationDegrees;
        this.scale = b.scale;
        this.brightness = b.brightness;
        this.contrast = b.contrast;
        this.erasing = b.erasing;
        this.gamma = b.gamma;
        this.blur = b.blur;
        this.noise = b.noise;
        this.jpegQuality = b.jpegQuality;
    }

    /** Returns a builder with everything off (new recipes get a named preset here). */
    static Builder builder() {
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
     * Returns the recipe used by {@code --augment ROBUST}: the standard one and, each on half of the images,
     * gamma up to 1.4, blur up to 1.5 pixels, noise up to 0.04 and JPEG quality down to 30, the photos a
     * deployed model meets that FER-2013's crops rarely show.
     *
     * @return the robust augmentation
     */
    public static Augmentation robust() {
        return standard().toBuilder()
                .optGamma(0.4f)
                .optBlur(1.5f)
                .optNoise(0.04f)
                .optJpegQuality(30)
                .build();
    }

    /** Returns a builder holding these settings. */
    Builder toBuilder() {
        return fromDescriptionBuilder(describe());
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
                && erasing == 0
                && gamma == 0
                && blur == 0
                && noise == 0
                && jpegQuality == 0;
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
        // Written only when set, so the settings of runs from before they existed read back equal.
        putIfSet(d, "gamma", gamma);
        putIfSet(d, "blurSigma", blur);
        putIfSet(d, "noiseSigma", noise);
        putIfSet(d, "jpegMinQuality", jpegQuality);
        return d;
    }

    private static void putIfSet(Map<String, Object> d, String key, Number value) {
        if (value.doubleValue() != 0) {
            d.put(key, value);
        }
    }

    /**
     * Rebuilds an augmentation from {@link #describe()}'s map.
     *
     * @param d a map made by {@link #describe()}
     * @return the augmentation it describes
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Augmentation fromDescription(Map<String, Object> d) {
        return fromDescriptionBuilder(d).build();
    }

    private static Builder fromDescriptionBuilder(Map<String, Object> d) {
        return builder()
                .optFlip((Boolean) d.get("horizontalFlip"))
                .optShift(((Number) d.get("shiftFraction")).floatValue())
                .optRotation(((Number) d.get("rotationDegrees")).floatValue())
                .optScale(((Number) d.get("scaleFraction")).floatValue())
                .optBrightness(((Number) d.get("brightness")).floatValue())
                .optContrast(((Number) d.get("contrast")).floatValue())
                .optErasing(((Number) d.get("erasingProbability")).floatValue())
                .optGamma(((Number) d.getOrDefault("gamma", 0)).floatValue())
                .optBlur(((Number) d.getOrDefault("blurSigma", 0)).floatValue())
                .optNoise(((Number) d.getOrDefault("noiseSigma", 0)).floatValue())
                .optJpegQuality(((Number) d.getOrDefault("jpegMinQuality", 0)).intValue());
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
            AffineWarp.apply(src, dst, random, mirror, rotationDegrees, scale, shift);
        }
        PhotoDegradation.gamma(dst, gamma, random);
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
        PhotoDegradation.blur(dst, blur, random);
        PhotoDegradation.noise(dst, noise, random);
        PhotoDegradation.jpeg(dst, jpegQuality, random);
        if (erasing > 0 && random.nextFloat() < erasing) {
            PhotoDegradation.erase(dst, random);
        }
    }

    /** Builds an {@link Augmentation}; every option is off until set. */
    static final class Builder {
        private boolean flip;
        private float shift;
        private float rotationDegrees;
        private float scale;
        private float brightness;
        private float contrast;
        private float erasing;
        private float gamma;
        private float blur;
        private float noise;
        private int jpegQuality;

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
         * On half of the images, raises pixels to a power between {@code 1 / (1 + amount)} and {@code 1 + amount}.
         *
         * @param amount the largest gamma change, 0 to 1
         * @return this builder
         */
        public Builder optGamma(float amount) {
            this.gamma = check(amount, 1f, "gamma");
            return this;
        }

        /**
         * On half of the images, blurs with a Gaussian of standard deviation up to this many pixels.
         *
         * @param maxSigma the largest blur, 0 to 3 pixels
         * @return this builder
         */
        public Builder optBlur(float maxSigma) {
            this.blur = check(maxSigma, 3f, "blur");
            return this;
        }

        /**
         * On half of the images, adds Gaussian noise of standard deviation up to this much (pixel values are 0..1).
         *
         * @param maxSigma the largest noise, 0 to 0.2
         * @return this builder
         */
        public Builder optNoise(float maxSigma) {
            this.noise = check(maxSigma, 0.2f, "noise");
            return this;
        }

        /**
         * On half of the images, compresses as JPEG at a quality between this and 95 (0 for never).
         *
         * @param minQuality the lowest quality, 0 or 5 to 95
         * @return this builder
         */
        public Builder optJpegQuality(int minQuality) {
            if (minQuality != 0 && (minQuality < 5 || minQuality > 95)) {
                throw new IllegalArgumentException("JPEG quality must be 0 or in [5, 95], got " + minQuality);
            }
            this.jpegQuality = minQuality;
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
