// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;

/**
 * The image preprocessing of a model, one code path for training and inference: any image becomes a
 * 1x48x48 grey tensor with values in [0, 1], returned as 2,304 floats in row-major order. Immutable;
 * every model records its own in {@code model.json} ({@link #describe()}), and loading a model applies
 * what it recorded ({@link #fromDescription(Map)}).
 *
 * <p>Always, in order: colour pixels become grey with the ITU-R BT.601 luma weights
 * {@code 0.299 R + 0.587 G + 0.114 B} (OpenCV's {@code cvtColor}, PIL's {@code convert("L")}); grey
 * images are read from their raster as stored. The grey image is resized to 48x48 separably per axis:
 * a shrinking axis uses area averaging (OpenCV's {@code INTER_AREA}), a growing axis bilinear
 * interpolation with half-pixel centres and clamped edges; the aspect ratio is not kept (faces arrive
 * cropped). Values are divided by 255.
 *
 * <p>Optional steps: rank histogram equalisation (each pixel becomes its rank among the 2,304 pixels
 * divided by 2,303, ties sharing their mean rank, so any change of brightness, contrast or gamma that
 * keeps the order of pixels leaves the input unchanged), and a sharpness limit (images sharper than a
 * target are blurred just enough to reach it and equalised again), which models trained on the blurred
 * first copy of FER-2013 need. Encoded images are decoded elsewhere (fer4j's one decoding path), not here.
 */
public final class Preprocessing {

    /** Width and height of the network input, in pixels. */
    public static final int SIZE = 48;
    /** Number of floats in one preprocessed image ({@code SIZE * SIZE}). */
    public static final int PIXELS = SIZE * SIZE;
    /** The version of the description {@link #describe()} writes. */
    public static final int DESCRIPTION_VERSION = 2;
    /**
     * The sharpness limit of models trained on the blurred first copy of FER-2013's training split:
     * the median there of the mean absolute difference of neighbouring pixels after equalisation.
     */
    public static final double BLURRED_TRAINING_SHARPNESS = 0.0315;

    private final boolean equalize;
    private final double targetSharpness;

    private Preprocessing(boolean equalize, double targetSharpness) {
        this.equalize = equalize;
        this.targetSharpness = targetSharpness;
    }

    /**
     * Returns the shape every network takes: a batch of {@code batch} one-channel {@link #SIZE} x
     * {@link #SIZE} inputs, (N, 1, 48, 48). The one place the layout is written.
     *
     * @param batch the number of inputs
     * @return the input shape
     */
    public static Shape inputShape(long batch) {
        return new Shape(batch, 1, SIZE, SIZE);
    }

    /**
     * Puts {@code batch} inputs, laid end to end in {@code pixels}, into one array of {@link #inputShape}.
     *
     * @param manager the manager that will own the array
     * @param pixels {@code batch * PIXELS} floats
     * @param batch the number of inputs
     * @return a new float32 array of shape (batch, 1, 48, 48)
     * @throws IllegalArgumentException if {@code pixels} does not hold exactly {@code batch} inputs
     */
    public static NDArray toInputArray(NDManager manager, float[] pixels, int batch) {
        if (pixels.length != (long) batch * PIXELS) {
            throw new IllegalArgumentException(pixels.length + " floats are not " + batch + " inputs of " + PIXELS);
        }
        return manager.create(pixels, inputShape(batch));
    }

    /**
     * Returns the fixed steps alone (grey, resize to 48x48, scale to [0, 1]): what new runs use.
     *
     * @return the standard preprocessing
     */
    public static Preprocessing standard() {
        return of(false, 0);
    }

    /**
     * Returns the fixed steps followed by rank histogram equalisation.
     *
     * @return the equalised preprocessing
     */
    public static Preprocessing equalized() {
        return of(true, 0);
    }

    /**
     * Returns the fixed steps, equalisation when asked and a sharpness limit above 0 (which needs equalisation).
     *
     * @throws IllegalArgumentException if a sharpness limit is set without equalisation, or is negative
     */
    static Preprocessing of(boolean equalize, double targetSharpness) {
        if (targetSharpness < 0 || Double.isNaN(targetSharpness) || (targetSharpness > 0 && !equalize)) {
            throw new IllegalArgumentException("A sharpness limit must be positive and follow equalisation, got "
                    + targetSharpness + (equalize ? "" : " without equalisation"));
        }
        return new Preprocessing(equalize, targetSharpness);
    }

    /**
     * Returns what models saved before preprocessing was recorded per model applied: rank
     * equalisation and the sharpness limit {@link #BLURRED_TRAINING_SHARPNESS}.
     *
     * @return the preprocessing of models trained on the blurred training split
     */
    public static Preprocessing blurredTrainingSplit() {
        return of(true, BLURRED_TRAINING_SHARPNESS);
    }

    /**
     * Returns whether rank histogram equalisation is applied.
     *
     * @return whether images are equalised
     */
    public boolean equalizes() {
        return equalize;
    }

    /**
     * Returns the sharpness limit, or 0 when images are not smoothed.
     *
     * @return the sharpness limit, 0 for none
     */
    public double sharpnessLimit() {
        return targetSharpness;
    }

    /**
     * Preprocesses a {@link BufferedImage} of any type and size.
     *
     * @param image the image, colour or grey
     * @return the model input: 48x48 grey pixels in [0, 1], row-major
     * @throws NullPointerException if {@code image} is null
     */
    public float[] toInput(BufferedImage image) {
        return toInput(GreyImage.of(Objects.requireNonNull(image, "image")));
    }

    /**
     * Preprocesses a grey image of any size, such as a face cut out of a video frame.
     *
     * @param image the grey image
     * @return the model input: 48x48 grey pixels in [0, 1], row-major
     * @throws NullPointerException if {@code image} is null
     */
    public float[] toInput(GreyImage image) {
        Objects.requireNonNull(image, "image");
        return fromGrey(image.levelsView(), image.width(), image.height());
    }

    /**
     * Preprocesses a DJL {@link Image}; images not backed by a {@link BufferedImage} are read through
     * {@link Image#toNDArray(NDManager, Image.Flag)}, which needs a DJL engine.
     *
     * @param image the image, colour or grey
     * @return the model input: 48x48 grey pixels in [0, 1], row-major
     * @throws NullPointerException if {@code image} is null
     */
    public float[] toInput(Image image) {
        Objects.requireNonNull(image, "image");
        if (image.getWrappedImage() instanceof BufferedImage) {
            return toInput((BufferedImage) image.getWrappedImage());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(manager, Image.Flag.COLOR).toType(DataType.UINT8, false);
            byte[] rgb = hwc.toByteArray();
            float[] grey = new float[w * h];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = GreyImage.luma(rgb[3 * i] & 0xFF, rgb[3 * i + 1] & 0xFF, rgb[3 * i + 2] & 0xFF);
            }
            return fromGrey(grey, w, h);
        }
    }

    /** Turns grey levels (row-major, 0..255) into the network input. */
    private float[] fromGrey(float[] grey, int width, int height) {
        float[] x = resize(grey, width, height);
        if (equalize) {
            x = equalize(x);
        }
        return targetSharpness > 0 ? SharpnessLimit.apply(x, targetSharpness) : x;
    }

    /**
     * Returns the versioned description saved in a model's {@code model.json}: the version and the
     * list of steps with their parameters, in the order they run.
     *
     * @return the description, JSON-serialisable
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Object> describe() {
        return PreprocessingDescription.describe(equalize, targetSharpness);
    }

    /**
     * Rebuilds the preprocessing a description names: a version-2 description from {@link #describe()},
     * or the unversioned one that models saved before it carry (read as rank equalisation, plus the
     * sharpness limit when it has a {@code targetSharpness}).
     *
     * @param description the parsed {@code preprocessing} object of a {@code model.json}
     * @return the preprocessing it describes
     * @throws IllegalArgumentException if the version, a step or a parameter is unknown
     */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Preprocessing fromDescription(Map<?, ?> description) {
        return PreprocessingDescription.parse(description);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing other
                && other.equalize == equalize
                && other.targetSharpness == targetSharpness;
    }

    @Override
    public int hashCode() {
        return Objects.hash(equalize, targetSharpness);
    }

    @Override
    public String toString() {
        return "grey, resize 48x48, /255" + (equalize ? ", rank equalisation" : "")
                + (targetSharpness > 0 ? ", sharpness limit " + targetSharpness : "");
    }

    /**
     * Cuts the {@code side} x {@code side} square at ({@code x}, {@code y}) out of a 48x48 model input and
     * scales it back to 48x48 as the resize step grows images (bilinear): one view of the face for
     * test-time augmentation.
     *
     * @param input a model input of {@link #PIXELS} floats, row-major
     * @param x the square's left column
     * @param y the square's top row
     * @param side the square's side, 1 to 48
     * @return a new 48x48 input
     * @throws IllegalArgumentException if the input has the wrong length or the square does not fit
     */
    static float[] crop(float[] input, int x, int y, int side) {
        if (input.length != PIXELS || side < 1 || x < 0 || y < 0 || x + side > SIZE || y + side > SIZE) {
            throw new IllegalArgumentException("Cannot cut a " + side + "-pixel square at (" + x + ", " + y
                    + ") out of an input of " + input.length + " floats");
        }
        float[] square = new float[side * side];
        for (int row = 0; row < side; row++) {
            System.arraycopy(input, (y + row) * SIZE + x, square, row * side, side);
        }
        return resample(square, side, side, 1f);
    }

    /** Resizes a grey image (0..255) to 48x48 and scales it to [0, 1], without equalising. */
    static float[] resize(float[] grey, int width, int height) {
        return resample(grey, width, height, 255f);
    }

    private static float[] resample(float[] grey, int width, int height, float divisor) {
        if (width <= 0 || height <= 0 || grey.length != width * height) {
            throw new IllegalArgumentException(
                    "Bad grey image: " + width + "x" + height + " with " + grey.length + " pixels");
        }
        Axis xs = Axis.of(width, SIZE);
        Axis ys = Axis.of(height, SIZE);
        float[] rows = new float[SIZE * height];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < SIZE; x++) {
                rows[y * SIZE + x] = xs.sample(grey, base, 1, x);
            }
        }
        float[] out = new float[PIXELS];
        for (int x = 0; x < SIZE; x++) {
            for (int y = 0; y < SIZE; y++) {
                out[y * SIZE + x] = ys.sample(rows, x, SIZE, y) / divisor;
            }
        }
        return out;
    }

    /** Replaces each value by its rank divided by (n - 1), tied values sharing their mean rank. */
    static float[] equalize(float[] x) {
        int n = x.length;
        // Sort (value, index) pairs packed in longs: a primitive sort, several times faster than boxed
        // indices. The bits of a float >= 0 order like the float; the offset keeps negatives in order too.
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(x[i] + 0f);
            long key = bits >= 0 ? bits : ~(bits & 0x7fffffff);
            packed[i] = (key << 32) | i;
        }
        java.util.Arrays.sort(packed);
        float[] out = new float[n];
        for (int start = 0; start < n; ) {
            int end = start;
            float v = x[(int) packed[start]];
            while (end + 1 < n && x[(int) packed[end + 1]] == v) {
                end++;
            }
            float value = (start + end) / 2f / (n - 1);
            for (int k = start; k <= end; k++) {
                out[(int) packed[k]] = value;
            }
            start = end + 1;
        }
        return out;
    }

    /**
     * Precomputed 1-D resampling weights from {@code src} samples to {@code dst} samples. The arrays are
     * not copied: only {@link #of} fills them, nothing writes them after, and an axis is never compared.
     */
    @SuppressWarnings("ArrayRecordComponent")
    private record Axis(int[][] index, float[][] weight) {

        static Axis of(int src, int dst) {
            int[][] index = new int[dst][];
            float[][] weight = new float[dst][];
            double scale = (double) src / dst;
            for (int i = 0; i < dst; i++) {
                if (src >= dst) {
                    double start = i * scale;
                    double end = start + scale;
                    int first = (int) Math.floor(start);
                    int last = Math.min(src - 1, (int) Math.ceil(end) - 1);
                    index[i] = new int[last - first + 1];
                    weight[i] = new float[last - first + 1];
                    for (int s = first; s <= last; s++) {
                        double overlap = Math.min(end, s + 1) - Math.max(start, s);
                        index[i][s - first] = s;
                        weight[i][s - first] = (float) (overlap / scale);
                    }
                } else {
                    double centre = Math.max(0, Math.min(src - 1, (i + 0.5) * scale - 0.5));
                    int lo = (int) Math.floor(centre);
                    int hi = Math.min(src - 1, lo + 1);
                    float frac = (float) (centre - lo);
                    index[i] = new int[] {lo, hi};
                    weight[i] = new float[] {1 - frac, frac};
                }
            }
            return new Axis(index, weight);
        }

        float sample(float[] data, int offset, int stride, int i) {
            float sum = 0;
            int[] idx = index[i];
            float[] w = weight[i];
            for (int k = 0; k < idx.length; k++) {
                sum += w[k] * data[offset + idx[k] * stride];
            }
            return sum;
        }
    }
}
