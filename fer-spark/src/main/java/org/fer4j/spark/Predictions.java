// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.fer4j.inference.EmotionPrediction;

/** Fills the prediction columns of a row. */
final class Predictions {

    private Predictions() {}

    /** Appends emotion, probability, the label probabilities and error (null) to {@code values}. */
    static void put(List<Object> values, EmotionPrediction p) {
        values.add(p.label());
        values.add(p.probability());
        for (float f : p.probabilities()) {
            values.add(f);
        }
        values.add(null);
    }

    /** Appends an empty prediction with {@code error} (null for "no prediction, nothing wrong"). */
    static void putNone(List<Object> values, int labels, String error) {
        values.add(null);
        values.add(null);
        for (int i = 0; i < labels; i++) {
            values.add(null);
        }
        values.add(error);
    }

    /** Copies the kept input columns. */
    static void putKept(List<Object> values, Row in, int[] keep) {
        for (int i : keep) {
            values.add(in.get(i));
        }
    }

    /** The message of a failure, never null, for the error column. */
    static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
