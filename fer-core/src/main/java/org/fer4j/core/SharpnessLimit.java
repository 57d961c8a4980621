// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.fer4j.core.Preprocessing.PIXELS;
import static org.fer4j.core.Preprocessing.SIZE;

/**
 * The optional sharpness limit of {@link Preprocessing}: an equalised 48x48 input sharper than a target is
 * blurred just enough to reach it. Models trained on the blurred first copy of FER-2013 need it, so photos
 * sharper than their training images look to them as those did.
 */
final class SharpnessLimit {

    private SharpnessLimit() {}

    /**
     * Blurs a 48x48 image with a separable Gaussian of standard deviation {@code sigma} pixels
     * (kernel radius 3 sigma, edges clamped); sigma 0 returns a copy.
     */
    static float[] blur(float[] x, double sigma) {
        if (sigma <= 0) {
            return x.clone();
        }
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        float[] rows = new float[PIXELS];
        float[] out = new float[PIXELS];
        // A padded copy of each row (then column) with edges repeated keeps the inner loop free of bounds checks.
        float[] line = new float[SIZE + 2 * r];
        for (int y = 0; y < SIZE; y++) {
            for (int j = 0; j < line.length; j++) {
                line[j] = x[y * SIZE + Math.min(SIZE - 1, Math.max(0, j - r))];
            }
            for (int c = 0; c < SIZE; c++) {
                float v = 0;
                for (int i = 0; i < k.length; i++) {
                    v += k[i] * line[c + i];
                }
                rows[y * SIZE + c] = v;
            }
        }
        for (int c = 0; c < SIZE; c++) {
            for (int j = 0; j < line.length; j++) {
                line[j] = rows[Math.min(SIZE - 1, Math.max(0, j - r)) * SIZE + c];
            }
            for (int y = 0; y < SIZE; y++) {
                float v = 0;
                for (int i = 0; i < k.length; i++) {
                    v += k[i] * line[y + i];
                }
                out[y * SIZE + c] = v;
            }
        }
        return out;
    }

    /** Returns the mean absolute difference of horizontally neighbouring pixels of a 48x48 image. */
    static double sharpness(float[] x) {
        double sum = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int c = 0; c < SIZE - 1; c++) {
                sum += Math.abs(x[y * SIZE + c + 1] - x[y * SIZE + c]);
            }
        }
        return sum / (SIZE * (SIZE - 1));
    }

    /**
     * Blurs an equalised image just enough (Gaussian, sigma found by bisection in [0, 8] pixels to
     * 1/32 pixel) that its {@link #sharpness(float[])} is at most {@code target}, and equalises it
     * again; images that are already that smooth pass unchanged.
     */
    static float[] apply(float[] equalised, double target) {
        if (sharpness(equalised) <= target) {
            return equalised;
        }
        double lo = 0;
        double hi = 8;
        float[] best = null;
        for (int i = 0; i < 8; i++) {
            double mid = (lo + hi) / 2;
            float[] candidate = Preprocessing.equalize(blur(equalised, mid));
            if (sharpness(candidate) <= target) {
                hi = mid;
                best = candidate;
            } else {
                lo = mid;
            }
        }
        return best != null ? best : Preprocessing.equalize(blur(equalised, hi));
    }
}
