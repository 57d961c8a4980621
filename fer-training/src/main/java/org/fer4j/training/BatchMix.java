// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.util.Random;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.RandomGeneratorFactory;
import org.fer4j.core.Preprocessing;

/**
 * Mixup (Zhang et al., 2018) and CutMix (Yun et al., 2019) of a training batch: each image is blended with,
 * or has a rectangle pasted from, another image of the same batch, and its targets become the same blend of
 * the two images' targets. One share {@code lambda ~ Beta(alpha, alpha)} and one pairing serve the whole
 * batch; with both kinds on, each batch is one or the other with equal odds.
 */
final class BatchMix {

    /** No mixing: batches pass through unchanged. */
    static final BatchMix NONE = new BatchMix(0, 0);

    private final float mixupAlpha;
    private final float cutmixAlpha;

    /** Mixes with the given Beta parameters, 0 turning a kind off. */
    BatchMix(float mixupAlpha, float cutmixAlpha) {
        this.mixupAlpha = mixupAlpha;
        this.cutmixAlpha = cutmixAlpha;
    }

    /** Returns the mixing of a run's settings. */
    static BatchMix of(TrainingSpec spec) {
        return new BatchMix(spec.mixupAlpha(), spec.cutmixAlpha());
    }

    /** Returns whether batches are mixed at all. */
    boolean isNone() {
        return mixupAlpha == 0 && cutmixAlpha == 0;
    }

    /**
     * How one batch was mixed: image {@code i} keeps {@code lambda} of itself and takes the rest from image
     * {@code partner[i]}; {@link #blend} gives any per-image values (targets, weights) the same mixture.
     */
    @SuppressWarnings("ArrayRecordComponent") // made and read by the batch thread only
    record Mixed(int[] partner, float lambda) {

        /** Replaces each row of {@code rows} (n rows of {@code width} values) with its share of its partner's. */
        void blend(float[] rows, int width) {
            if (lambda == 1) {
                return;
            }
            float[] own = rows.clone();
            for (int i = 0; i < partner.length; i++) {
                for (int c = 0; c < width; c++) {
                    rows[i * width + c] = lambda * own[i * width + c] + (1 - lambda) * own[partner[i] * width + c];
                }
            }
        }
    }

    /**
     * Mixes the n images of {@code pixels} (n x 2304, changed in place) and says how.
     *
     * @param random the batch thread's generator for mixing, separate from the augmentation's so runs without
     *     mixing draw the same numbers as before it existed
     */
    Mixed apply(float[] pixels, int n, Random random) {
        int[] partner = BatchStream.shuffled(n, random);
        if (isNone() || n < 2) {
            return new Mixed(partner, 1);
        }
        boolean cut = mixupAlpha == 0 || (cutmixAlpha > 0 && random.nextBoolean());
        RandomGenerator generator = RandomGeneratorFactory.createRandomGenerator(random);
        float alpha = cut ? cutmixAlpha : mixupAlpha;
        float lambda = (float) new BetaDistribution(generator, alpha, alpha).sample();
        if (!cut) {
            Mixed mixed = new Mixed(partner, lambda);
            mixed.blend(pixels, Preprocessing.PIXELS);
            return mixed;
        }
        // A box of about (1 - lambda) of the area, centred anywhere and clipped at the edges; the share is
        // then what the clipped box leaves.
        int side = Preprocessing.SIZE;
        int cutSide = (int) (side * Math.sqrt(1 - lambda));
        int cy = random.nextInt(side);
        int cx = random.nextInt(side);
        int y0 = Math.max(0, cy - cutSide / 2);
        int y1 = Math.min(side, cy + cutSide / 2);
        int x0 = Math.max(0, cx - cutSide / 2);
        int x1 = Math.min(side, cx + cutSide / 2);
        float[] own = pixels.clone();
        int p = Preprocessing.PIXELS;
        for (int i = 0; i < n; i++) {
            for (int y = y0; y < y1; y++) {
                System.arraycopy(own, partner[i] * p + y * side + x0, pixels, i * p + y * side + x0, x1 - x0);
            }
        }
        return new Mixed(partner, 1 - (float) ((y1 - y0) * (x1 - x0)) / p);
    }
}
