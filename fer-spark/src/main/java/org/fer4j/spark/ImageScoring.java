// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/**
 * Classifies a partition of images as single faces, batch by batch. Rows come out lazily, one batch ahead
 * of the writer, so a partition of any size needs the memory of one batch.
 */
final class ImageScoring implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    /** A batch also ends once its decoded images pass this many pixels: 64 photos of 40 MP would not fit. */
    static final long BATCH_PIXELS = 16_000_000L;

    private final Broadcast<ModelSource> model;
    private final int[] keep;
    private final int content;
    private final int labels;
    private final int batchSize;

    ImageScoring(Broadcast<ModelSource> model, int[] keep, int content, int labels, int batchSize) {
        this.model = model;
        this.keep = keep;
        this.content = content;
        this.labels = labels;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
        EmotionClassifier fer = ExecutorModels.get(model.value());
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && input.hasNext()) {
                    scoreBatch(fer, input, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void scoreBatch(EmotionClassifier fer, Iterator<Row> input, Deque<Row> ready) {
        List<Row> rows = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long pixels = 0;
        while (input.hasNext() && rows.size() < batchSize && pixels < BATCH_PIXELS) {
            Row row = input.next();
            rows.add(row);
            try {
                byte[] bytes = row.isNullAt(content) ? null : (byte[]) row.get(content);
                if (bytes == null) {
                    throw new IllegalArgumentException("No content (the file could not be read)");
                }
                // The same decoder, pixel limit and messages as EmotionClassifier.predict(Path).
                BufferedImage image = ImageDecoding.decode(bytes);
                pixels += (long) image.getWidth() * image.getHeight();
                images.add(image);
                errors.add(null);
            } catch (RuntimeException e) {
                images.add(null);
                errors.add(Predictions.message(e));
            }
        }
        List<BufferedImage> decoded = images.stream().filter(i -> i != null).toList();
        List<EmotionPrediction> predictions = predict(fer, decoded, errors, images);
        int next = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<Object> values = new ArrayList<>();
            Predictions.putKept(values, rows.get(i), keep);
            if (images.get(i) == null || predictions.get(next) == null) {
                Predictions.putNone(values, labels, errors.get(i));
            } else {
                Predictions.put(values, predictions.get(next));
            }
            if (images.get(i) != null) {
                next++;
            }
            ready.add(RowFactory.create(values.toArray()));
        }
    }

    /**
     * Classifies the decoded images in one call; if the engine rejects the batch, one by one, so only the
     * image at fault becomes an error row (null in the result, its message in {@code errors}).
     */
    private static List<EmotionPrediction> predict(
            EmotionClassifier fer, List<BufferedImage> decoded, List<String> errors, List<BufferedImage> images) {
        if (decoded.isEmpty()) {
            return List.of();
        }
        try {
            return fer.predictAll(decoded);
        } catch (RuntimeException batchFailed) {
            List<EmotionPrediction> out = new ArrayList<>();
            int d = 0;
            for (int i = 0; i < images.size(); i++) {
                if (images.get(i) == null) {
                    continue;
                }
                try {
                    out.add(fer.predict(decoded.get(d)));
                } catch (RuntimeException e) {
                    out.add(null);
                    errors.set(i, Predictions.message(e));
                }
                d++;
            }
            return out;
        }
    }
}
