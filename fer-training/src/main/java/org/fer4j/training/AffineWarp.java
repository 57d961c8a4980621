// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.util.Random;
import org.fer4j.core.Preprocessing;

/**
 * A random affine warp of a 48x48 image (rotation, scale, shift, optional mirror), sampled bilinearly with
 * replicated edges: the position and size jitter that a face detector's crops have.
 */
final class AffineWarp {

    private AffineWarp() {}

    /**
     * Writes {@code src} turned by up to {@code rotationDegrees}, scaled by up to {@code scale} and shifted by up
     * to {@code shift} of its size, mirrored first when {@code mirror}, into {@code dst}.
     */
    static void apply(
            float[] src, float[] dst, Random random, boolean mirror, float rotationDegrees, float scale, float shift) {
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
}
