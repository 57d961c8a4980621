package org.fer4j.training;

/** Loss and accuracy sums over a batch of logits held in plain arrays. */
final class Metrics {

    private Metrics() {
    }

    /** Counts rows whose arg-max equals the label. */
    static long correct(float[] logits, long[] labels, int classes) {
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Sums the softmax cross-entropy of each row against its label (computed stably in double). */
    static double crossEntropySum(float[] logits, long[] labels, int classes) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[i * classes + c] - max);
            }
            sum += Math.log(z) + max - logits[i * classes + (int) labels[i]];
        }
        return sum;
    }
}
