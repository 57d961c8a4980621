// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import ai.djl.modality.cv.output.Point;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.camera.FaceBox;
import org.fer4j.camera.FaceLandmarks;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.inference.EmotionClassifier;

/**
 * Finds and classifies every face of a partition's images with {@link FaceAnalyzer}, as
 * {@code fer predict --detect} does. Each task has its own detector, because a detector serves one call
 * at a time and tasks run side by side; the classifier is the JVM's shared one.
 */
final class FaceScoring implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSource> model;
    private final int[] keep;
    private final int content;
    private final int labels;

    FaceScoring(Broadcast<ModelSource> model, int[] keep, int content, int labels) {
        this.model = model;
        this.keep = keep;
        this.content = content;
        this.labels = labels;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
        EmotionClassifier fer = ExecutorModels.get(model.value());
        YuNetFaceDetector detector = YuNetFaceDetector.create();
        FaceAnalyzer analyzer =
                FaceAnalyzer.builder().setClassifier(fer).optDetector(detector).build();
        TaskContext task = TaskContext.get();
        if (task != null) {
            // The writer may stop reading early (a failed task): close the natives whichever way the task ends.
            task.addTaskCompletionListener((TaskCompletionListener) ctx -> {
                analyzer.close();
                detector.close();
            });
        }
        // Rows of one image at a time: an image has few faces.
        return new Iterator<>() {
            private Iterator<Row> current = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && input.hasNext()) {
                    current = analyze(analyzer, input.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<Row> analyze(FaceAnalyzer analyzer, Row row) {
        List<Row> out = new ArrayList<>();
        List<AnalyzedFace> faces;
        try {
            byte[] bytes = row.isNullAt(content) ? null : (byte[]) row.get(content);
            if (bytes == null) {
                throw new IllegalArgumentException("No content (the file could not be read)");
            }
            // FaceAnalyzer decodes through fer-core's ImageDecoding: the pixel limit is checked from the header there.
            faces = analyzer.analyze(bytes);
        } catch (RuntimeException e) {
            out.add(row(row, null, 0, Predictions.message(e)));
            return out;
        }
        if (faces.isEmpty()) {
            out.add(row(row, null, 0, null));
        }
        for (int i = 0; i < faces.size(); i++) {
            out.add(row(row, faces.get(i), i + 1, null));
        }
        return out;
    }

    private Row row(Row in, AnalyzedFace face, int index, String error) {
        List<Object> values = new ArrayList<>();
        Predictions.putKept(values, in, keep);
        values.add(index);
        if (face == null) {
            for (int i = 1; i < Schemas.FACE_COLUMNS.size(); i++) {
                values.add(null);
            }
            Predictions.putNone(values, labels, error);
        } else {
            FaceBox b = face.box();
            values.add(b.x());
            values.add(b.y());
            values.add(b.width());
            values.add(b.height());
            values.add(face.detection().score());
            FaceLandmarks l = face.detection().landmarks().orElse(null);
            for (Point p : l == null
                    ? new Point[5]
                    : new Point[] {l.rightEye(), l.leftEye(), l.noseTip(), l.rightMouthCorner(), l.leftMouthCorner()}) {
                values.add(p == null ? null : p.getX());
                values.add(p == null ? null : p.getY());
            }
            Predictions.put(values, face.prediction());
        }
        return RowFactory.create(values.toArray());
    }
}
