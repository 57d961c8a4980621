// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final EmotionLabels ABC = EmotionLabels.of("a", "b", "c");

    /**
     * Six images: true a, a, b, c, c, c predicted a, b, b, c, c, a. By hand:
     * confusion [[1,1,0],[0,1,0],[1,0,2]]; precision a 1/2, b 1/2, c 2/2; recall a 1/2, b 1/1, c 2/3;
     * F1 a 0.5, b 2/3, c 0.8; accuracy 4/6; macro-F1 (0.5 + 2/3 + 0.8)/3; weighted (0.5*2 + 2/3 + 0.8*3)/6.
     * The probability of the true class is 0.5, 0.25, 0.5, 0.5, 0.5, 0.25: loss = -(4 ln 0.5 + 2 ln 0.25)/6.
     */
    private static Evaluation sixImages() {
        int[] truth = {0, 0, 1, 2, 2, 2};
        float[][] p = {
            {0.50f, 0.25f, 0.25f},
            {0.25f, 0.50f, 0.25f},
            {0.25f, 0.50f, 0.25f},
            {0.25f, 0.25f, 0.50f},
            {0.25f, 0.25f, 0.50f},
            {0.50f, 0.25f, 0.25f},
        };
        return Evaluation.of(ABC, truth, p);
    }

    @Test
    void theTextReportEndsWithTheConfusionMatrixItAnnounces() {
        String report = sixImages().classificationReport();
        assertThat(report).contains("Confusion matrix (rows: true class, columns: predicted class):");
        String matrix = report.substring(report.indexOf("Confusion matrix"));
        assertThat(matrix.lines().skip(2).map(String::trim).toList())
                .containsExactly(
                        "a        1        1        0", "b        0        1        0", "c        1        0        2");
    }

    @Test
    void everyMetricMatchesTheHandComputation() {
        Evaluation e = sixImages();
        assertThat(e.confusionMatrix()).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}});
        assertThat(e.total()).isEqualTo(6);
        assertThat(e.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(e.precision("a")).isCloseTo(0.5, within(1e-12));
        assertThat(e.precision("b")).isCloseTo(0.5, within(1e-12));
        assertThat(e.precision("c")).isCloseTo(1.0, within(1e-12));
        assertThat(e.recall("a")).isCloseTo(0.5, within(1e-12));
        assertThat(e.recall("b")).isCloseTo(1.0, within(1e-12));
        assertThat(e.recall("c")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.f1("a")).isCloseTo(0.5, within(1e-12));
        assertThat(e.f1("b")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(e.f1("c")).isCloseTo(0.8, within(1e-12));
        assertThat(e.support("a")).isEqualTo(2);
        assertThat(e.support("b")).isEqualTo(1);
        assertThat(e.support("c")).isEqualTo(3);
        assertThat(e.macroF1()).isCloseTo((0.5 + 2.0 / 3 + 0.8) / 3, within(1e-12));
        assertThat(e.weightedF1()).isCloseTo((0.5 * 2 + 2.0 / 3 + 0.8 * 3) / 6, within(1e-12));
        assertThat(e.loss()).isCloseTo(-(4 * Math.log(0.5) + 2 * Math.log(0.25)) / 6, within(1e-6));
    }

    @Test
    void theTextReportAveragesPrecisionAndRecallOverTheClasses() {
        // Macro: precision (1/2 + 1/2 + 1)/3, recall (1/2 + 1 + 2/3)/3; weighted by support 2, 1, 3 of 6.
        String line = sixImages()
                .classificationReport()
                .lines()
                .filter(l -> l.contains("macro avg"))
                .findFirst()
                .orElseThrow();
        assertThat(line.trim())
                .isEqualTo(String.format(
                        java.util.Locale.ROOT,
                        "macro avg %9.4f %9.4f %9.4f %9d",
                        2.0 / 3,
                        (0.5 + 1 + 2.0 / 3) / 3,
                        (0.5 + 2.0 / 3 + 0.8) / 3,
                        6));
        String weighted = sixImages()
                .classificationReport()
                .lines()
                .filter(l -> l.contains("weighted avg"))
                .findFirst()
                .orElseThrow();
        assertThat(weighted.trim())
                .isEqualTo(String.format(
                        java.util.Locale.ROOT,
                        "weighted avg %9.4f %9.4f %9.4f %9d",
                        (0.5 * 2 + 0.5 + 3) / 6,
                        (0.5 * 2 + 1 + 2) / 6.0,
                        (0.5 * 2 + 2.0 / 3 + 0.8 * 3) / 6,
                        6));
    }

    /**
     * Two images, two classes, from logits. Image 0: logits (0, 0), true 0: ties go to the first class, so
     * correct; p(true) = 1/2, loss ln 2. Image 1: logits (0, ln 3), true 0: predicted 1; p(true) = 1/4, loss ln 4.
     * Confusion [[1, 1], [0, 0]], accuracy 1/2, mean loss (ln 2 + ln 4) / 2.
     */
    @Test
    void logitsGiveTheHandComputedLossAndCounts() {
        EmotionLabels ab = EmotionLabels.of("a", "b");
        float[] logits = {0f, 0f, 0f, (float) Math.log(3)};
        Evaluation e = Evaluation.ofLogits(ab, new int[] {0, 0}, logits);
        assertThat(e.confusionMatrix()).isDeepEqualTo(new int[][] {{1, 1}, {0, 0}});
        assertThat(e.accuracy()).isEqualTo(0.5);
        assertThat(e.loss()).isCloseTo((Math.log(2) + Math.log(4)) / 2, within(1e-6));
        // The same logits with true class 1: p(true) = 1/2 and 3/4.
        assertThat(Evaluation.ofLogits(ab, new int[] {1, 1}, logits).loss())
                .isCloseTo((Math.log(2) + Math.log(4.0 / 3)) / 2, within(1e-6));
        // Large logits must not overflow: (1000, 0) with true class 1 costs 1000.
        assertThat(Evaluation.ofLogits(ab, new int[] {1}, new float[] {1000f, 0f})
                        .loss())
                .isCloseTo(1000, within(1e-9));
    }

    /** Batch by batch equals all at once: the six images above as a batch of two and a batch of four. */
    @Test
    void batchesAddUpToTheWhole() {
        Evaluation whole = sixImages();
        float[][] p = {
            {0.50f, 0.25f, 0.25f},
            {0.25f, 0.50f, 0.25f},
            {0.25f, 0.50f, 0.25f},
            {0.25f, 0.25f, 0.50f},
            {0.25f, 0.25f, 0.50f},
            {0.50f, 0.25f, 0.25f}
        };
        Evaluation first = Evaluation.of(ABC, new int[] {0, 0}, new float[][] {p[0], p[1]});
        Evaluation rest = Evaluation.of(ABC, new int[] {1, 2, 2, 2}, new float[][] {p[2], p[3], p[4], p[5]});
        Evaluation both = first.plus(rest);
        assertThat(both.total()).isEqualTo(6);
        assertThat(both.confusionMatrix()).isDeepEqualTo(whole.confusionMatrix());
        assertThat(both.loss()).isCloseTo(whole.loss(), within(1e-12));
        assertThat(both.classificationReport()).isEqualTo(whole.classificationReport());
        assertThat(first.total()).as("plus leaves its operands alone").isEqualTo(2);
        assertThatThrownBy(() -> first.plus(
                        Evaluation.of(EmotionLabels.of("x", "y", "z"), new int[] {0}, new float[][] {{1, 0, 0}})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels");
    }

    /** All six top probabilities are 0.5, in the bin (7/15, 8/15]; 4 of 6 are right: ECE = |4/6 - 0.5| = 1/6. */
    @Test
    void oneFullBinGivesTheGapBetweenAccuracyAndConfidence() {
        Evaluation e = sixImages();
        assertThat(e.expectedCalibrationError()).isCloseTo(1.0 / 6, within(1e-6));
        assertThat(e.negativeLogLikelihood()).isEqualTo(e.loss());
        assertThat(e.calibrationCount(7)).isEqualTo(6);
        assertThat(e.calibrationConfidence(7)).isCloseTo(0.5, within(1e-6));
        assertThat(e.calibrationAccuracy(7)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(java.util.stream.IntStream.range(0, Evaluation.CALIBRATION_BINS)
                        .filter(b -> e.calibrationCount(b) > 0))
                .containsExactly(7);
    }

    /**
     * Four images, two classes, top probabilities 0.9 (right), 0.9 (wrong), 0.7 (right), 0.62 (right): bins
     * (13/15, 14/15] with 2 images (accuracy 1/2, confidence 0.9), (10/15, 11/15] and (9/15, 10/15] with one
     * right image each. ECE = 2/4 * 0.4 + 1/4 * 0.3 + 1/4 * 0.38 = 0.37; NLL = -(ln 0.9 + ln 0.1 + ln 0.7 + ln 0.62) / 4.
     * The same images as logits (log-probabilities) give the same figures, and so do two batches added up.
     */
    @Test
    void calibrationErrorAndLikelihoodMatchTheHandComputation() {
        EmotionLabels ab = EmotionLabels.of("a", "b");
        int[] truth = {0, 1, 1, 0};
        float[][] p = {{0.9f, 0.1f}, {0.9f, 0.1f}, {0.3f, 0.7f}, {0.62f, 0.38f}};
        Evaluation e = Evaluation.of(ab, truth, p);
        assertThat(e.expectedCalibrationError()).isCloseTo(0.37, within(1e-6));
        double nll = -(Math.log(0.9) + Math.log(0.1) + Math.log(0.7) + Math.log(0.62)) / 4;
        assertThat(e.negativeLogLikelihood()).isCloseTo(nll, within(1e-6));
        assertThat(e.calibrationCount(13)).isEqualTo(2);
        assertThat(e.calibrationCount(10)).isEqualTo(1);
        assertThat(e.calibrationCount(9)).isEqualTo(1);

        float[] logits = new float[8];
        for (int i = 0; i < 4; i++) {
            logits[2 * i] = (float) Math.log(p[i][0]);
            logits[2 * i + 1] = (float) Math.log(p[i][1]);
        }
        Evaluation fromLogits = Evaluation.ofLogits(ab, truth, logits);
        assertThat(fromLogits.expectedCalibrationError()).isCloseTo(0.37, within(1e-6));
        assertThat(fromLogits.negativeLogLikelihood()).isCloseTo(nll, within(1e-6));

        Evaluation halves = Evaluation.of(ab, new int[] {0, 1}, new float[][] {p[0], p[1]})
                .plus(Evaluation.of(ab, new int[] {1, 0}, new float[][] {p[2], p[3]}));
        assertThat(halves.expectedCalibrationError()).isCloseTo(0.37, within(1e-6));
        for (int b = 0; b < Evaluation.CALIBRATION_BINS; b++) {
            assertThat(halves.calibrationCount(b)).isEqualTo(e.calibrationCount(b));
            assertThat(halves.calibrationConfidence(b)).isCloseTo(e.calibrationConfidence(b), within(1e-12));
            assertThat(halves.calibrationAccuracy(b)).isEqualTo(e.calibrationAccuracy(b));
        }
        // Perfectly confident and always right: no calibration error.
        assertThat(Evaluation.of(ab, new int[] {0, 1}, new float[][] {{1, 0}, {0, 1}})
                        .expectedCalibrationError())
                .isZero();
    }

    @Test
    void classWithoutImagesOrPredictionsIsHandled() {
        // Nothing is predicted as c and there are no c images: precision 0, recall 0, left out of the macro mean.
        Evaluation e = Evaluation.of(ABC, new int[] {0, 1}, new float[][] {{1, 0, 0}, {0, 1, 0}});
        assertThat(e.precision("c")).isZero();
        assertThat(e.recall("c")).isZero();
        assertThat(e.f1("c")).isZero();
        assertThat(e.macroF1()).isEqualTo(1.0);
        assertThat(e.weightedF1()).isEqualTo(1.0);
    }

    @Test
    void reportIsLaidOutLikeScikitLearn() {
        String report = sixImages().classificationReport();
        assertThat(report).contains("precision    recall  f1-score   support");
        assertThat(report).containsPattern("\\s+a\\s+0\\.5000\\s+0\\.5000\\s+0\\.5000\\s+2");
        assertThat(report).containsPattern("accuracy\\s+0\\.6667\\s+6");
        assertThat(report).contains("macro avg").contains("weighted avg").contains("rows: true class");
    }

    @Test
    void rejectsInconsistentInput() {
        assertThatThrownBy(() -> Evaluation.of(ABC, new int[] {0}, new float[0][]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluation.of(ABC, new int[] {3}, new float[][] {{1, 0, 0}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sixImages().precision("z")).hasMessageContaining("No label 'z'");
        assertThatThrownBy(() -> Evaluation.ofLogits(ABC, new int[] {0, 1}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 logits per true label");
        assertThatThrownBy(() -> Evaluation.ofLogits(ABC, new int[] {3}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 3");
    }
}
