// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.FaceFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchMixTest {

    private static final int P = Preprocessing.PIXELS;

    @TempDir
    Path tmp;

    /** n images, image i filled with the value i + 1, so every pixel says which image it came from. */
    private static float[] flatImages(int n) {
        float[] pixels = new float[n * P];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * P, (i + 1) * P, i + 1);
        }
        return pixels;
    }

    @Test
    void mixupBlendsEachImageWithItsPartnerByTheShare() {
        int n = 8;
        float[] pixels = flatImages(n);
        BatchMix.Mixed mixed = new BatchMix(0.4f, 0).apply(pixels, n, new Random(1));
        float lambda = mixed.lambda();
        assertThat(lambda).isBetween(0f, 1f);
        assertThat(Arrays.stream(mixed.partner()).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        for (int i = 0; i < n; i++) {
            float expected = lambda * (i + 1) + (1 - lambda) * (mixed.partner()[i] + 1);
            for (int j = 0; j < P; j++) {
                assertThat(pixels[i * P + j]).isCloseTo(expected, within(1e-5f));
            }
        }
    }

    @Test
    void cutmixPastesOneRectangleAndTheShareIsWhatIsLeft() {
        int n = 8;
        for (int seed = 0; seed < 20; seed++) {
            float[] pixels = flatImages(n);
            BatchMix.Mixed mixed = new BatchMix(0, 1).apply(pixels, n, new Random(seed));
            for (int i = 0; i < n; i++) {
                int partner = mixed.partner()[i];
                if (partner == i) {
                    continue;
                }
                int own = 0;
                for (int j = 0; j < P; j++) {
                    float v = pixels[i * P + j];
                    assertThat(v).isIn((float) (i + 1), (float) (partner + 1));
                    own += v == i + 1 ? 1 : 0;
                }
                assertThat(mixed.lambda()).as("seed %d", seed).isCloseTo((float) own / P, within(1e-6f));
            }
        }
    }

    @Test
    void mixupSharesFollowTheBetaDistributionAndBothKindsAreUsed() {
        int draws = 4000;
        double sum = 0;
        double squares = 0;
        int blended = 0;
        Random random = new Random(5);
        for (int d = 0; d < draws; d++) {
            float lambda = new BatchMix(0.4f, 0).apply(flatImages(2), 2, random).lambda();
            sum += lambda;
            squares += lambda * lambda;
            float[] pixels = flatImages(2);
            new BatchMix(0.4f, 1).apply(pixels, 2, random);
            // Mixup leaves values between the two images' own (or an image with itself); CutMix only own values.
            blended += pixels[0] != 1 && pixels[0] != 2 ? 1 : 0;
        }
        double mean = sum / draws;
        // Beta(a, a) has mean 1/2 and variance 1 / (4 (2a + 1)): 0.1389 for a = 0.4.
        assertThat(mean).isCloseTo(0.5, within(0.02));
        assertThat(squares / draws - mean * mean).isCloseTo(0.1389, within(0.01));
        // Half the batches are mixup; of those, the pair is an image and itself half the time (2 images).
        assertThat(blended).isBetween(draws / 6, draws / 3);
    }

    @Test
    void blendMixesTargetsAndWeightsAndNoneChangesNothing() {
        BatchMix.Mixed mixed = new BatchMix.Mixed(new int[] {1, 0}, 0.75f);
        float[] targets = {1, 0, 0, 0, 0, 1};
        mixed.blend(targets, 3);
        assertThat(targets).containsExactly(new float[] {0.75f, 0, 0.25f, 0.25f, 0, 0.75f}, within(1e-6f));
        float[] weights = {2, 4};
        mixed.blend(weights, 1);
        assertThat(weights).containsExactly(new float[] {2.5f, 3.5f}, within(1e-6f));

        float[] pixels = flatImages(4);
        assertThat(BatchMix.NONE.apply(pixels, 4, new Random(2)).lambda()).isEqualTo(1);
        assertThat(pixels).containsExactly(flatImages(4));
    }

    /** The batch thread smooths each label into its target, mixes targets, and draws the same batches again. */
    @Test
    void batchesCarrySmoothedMixedTargetsAndRepeatForTheSameSeedAndEpoch() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), List.of("sad", "angry", "happy"), 10, 2);
        FaceFolder train = FaceFolder.load(data.resolve("train"), TrainingSpec.DEFAULT_PREPROCESSING);
        float[] classWeights = {1, 2, 3};
        TrainingSpec plain =
                TrainingSpec.builder().optBatchSize(8).optLabelSmoothing(0.1f).build();
        BatchStream.HostBatch b = first(train, plain, classWeights);
        for (int i = 0; i < b.size(); i++) {
            for (int c = 0; c < 3; c++) {
                float expected = c == b.labels()[i] ? 0.9f + 0.1f / 3 : 0.1f / 3;
                assertThat(b.targets()[i * 3 + c]).isCloseTo(expected, within(1e-6f));
            }
            assertThat(b.weights()[i]).isEqualTo(classWeights[(int) b.labels()[i]]);
        }

        TrainingSpec mixing = plain.toBuilder().optMixup(0.4f).optCutmix(1).build();
        BatchStream.HostBatch m = first(train, mixing, classWeights);
        assertThat(m.labels()).containsExactly(b.labels());
        assertThat(m.pixels()).isNotEqualTo(b.pixels());
        for (int i = 0; i < m.size(); i++) {
            float rowSum = m.targets()[i * 3] + m.targets()[i * 3 + 1] + m.targets()[i * 3 + 2];
            assertThat(rowSum).isCloseTo(1f, within(1e-5f));
            assertThat(m.weights()[i]).isBetween(1f, 3f);
        }
        BatchStream.HostBatch again = first(train, mixing, classWeights);
        assertThat(again.pixels()).containsExactly(m.pixels());
        assertThat(again.targets()).containsExactly(m.targets());
    }

    private static BatchStream.HostBatch first(FaceFolder train, TrainingSpec spec, float[] classWeights)
            throws IOException {
        try (BatchStream stream = new BatchStream(train, spec, classWeights, null, 1, null)) {
            return stream.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
