// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns the scorer adds, in the order the partition functions fill them. */
final class Schemas {

    static final String TIMESTAMP = "timestamp_ms";

    /** Face columns: flat rather than nested, because CSV has no arrays or structs. */
    static final List<String> FACE_COLUMNS = List.of(
            "face",
            "x",
            "y",
            "width",
            "height",
            "score",
            "right_eye_x",
            "right_eye_y",
            "left_eye_x",
            "left_eye_y",
            "nose_x",
            "nose_y",
            "mouth_right_x",
            "mouth_right_y",
            "mouth_left_x",
            "mouth_left_y");

    private Schemas() {}

    static StructType prediction(List<String> labels) {
        StructType t = new StructType()
                .add(EmotionScorer.EMOTION, DataTypes.StringType, true)
                .add(EmotionScorer.PROBABILITY, DataTypes.FloatType, true);
        for (String label : labels) {
            t = t.add(label, DataTypes.FloatType, true);
        }
        return t.add(EmotionScorer.ERROR, DataTypes.StringType, true);
    }

    static StructType face() {
        StructType t = new StructType().add("face", DataTypes.IntegerType, true);
        for (String c : List.of("x", "y", "width", "height")) {
            t = t.add(c, DataTypes.IntegerType, true);
        }
        for (String c : FACE_COLUMNS.subList(5, FACE_COLUMNS.size())) {
            t = t.add(c, DataTypes.DoubleType, true);
        }
        return t;
    }

    static StructType video() {
        return new StructType()
                .add(EmotionScorer.PATH, DataTypes.StringType, false)
                .add("frame", DataTypes.LongType, true)
                .add(TIMESTAMP, DataTypes.LongType, true)
                .add("track", DataTypes.IntegerType, true)
                .add("x", DataTypes.IntegerType, true)
                .add("y", DataTypes.IntegerType, true)
                .add("width", DataTypes.IntegerType, true)
                .add("height", DataTypes.IntegerType, true)
                .add("fresh", DataTypes.BooleanType, true);
    }

    static StructType select(StructType in, int[] keep) {
        StructType t = new StructType();
        for (int i : keep) {
            t = t.add(in.fields()[i]);
        }
        return t;
    }

    static StructType append(StructType a, StructType b) {
        List<StructField> all = new ArrayList<>(List.of(a.fields()));
        all.addAll(List.of(b.fields()));
        return new StructType(all.toArray(new StructField[0]));
    }
}
