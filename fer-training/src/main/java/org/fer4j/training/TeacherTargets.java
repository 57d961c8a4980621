// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.core.internal.FaceFolder;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;

/**
 * The teachers' probabilities for every training image, computed once per run and kept in the run folder
 * ({@code distillation/teacher_probabilities.csv}, one row per image keyed by its path under {@code train/},
 * and {@code distillation/teachers.json}, which records the teachers they came from). A teacher forward
 * pass per batch would cost its test-time augmentation's passes every epoch; one pass over the data,
 * reused by every epoch and by a resumed run, costs them once.
 */
final class TeacherTargets {

    /** The folder of a run that holds the teachers' probabilities. */
    static final String DIR = "distillation";

    static final String PROBABILITIES = "teacher_probabilities.csv";
    static final String TEACHERS = "teachers.json";

    private static final int CHUNK = 128;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TeacherTargets() {}

    /**
     * Returns the teachers' averaged probabilities on the training images (n x k, in the folder's order),
     * reading them from the run folder when they are there for the same teachers, else computing and
     * saving them first.
     *
     * @throws IllegalArgumentException if a teacher's labels differ from the data's, or the saved file
     *     does not cover the training images (the message names the file)
     */
    static float[] load(Path runDir, Distillation distillation, FaceFolder train, TrainingProgress progress)
            throws IOException {
        Path dir = runDir.resolve(DIR);
        Path csv = dir.resolve(PROBABILITIES);
        Path teachers = dir.resolve(TEACHERS);
        if (Files.isRegularFile(csv) && Files.isRegularFile(teachers)) {
            List<?> saved = JSON.readValue(teachers.toFile(), List.class);
            List<?> now = JSON.convertValue(distillation.teachers(), List.class);
            if (!saved.equals(now)) {
                throw new IllegalArgumentException(teachers + " records other teachers than this run's " + now
                        + "; delete " + dir + " to compute the probabilities again");
            }
            return read(csv, train);
        }
        float[] probabilities = compute(distillation, train, progress);
        Files.createDirectories(dir);
        write(csv, train, probabilities);
        Path tmp = teachers.resolveSibling(TEACHERS + ".tmp");
        JSON.writeValue(tmp.toFile(), distillation.teachers());
        Files.move(tmp, teachers, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return probabilities;
    }

    private static float[] compute(Distillation distillation, FaceFolder train, TrainingProgress progress)
            throws IOException {
        int k = train.labels().size();
        float[] sum = new float[train.size() * k];
        List<Distillation.Teacher> teachers = distillation.teachers();
        for (int t = 0; t < teachers.size(); t++) {
            Path dir = Path.of(teachers.get(t).path());
            try (EmotionClassifier teacher = EmotionClassifier.load(dir)) {
                if (!teacher.labels().names().equals(train.labels().names())) {
                    throw new IllegalArgumentException(
                            "Teacher " + dir + " has labels " + teacher.labels().names() + ", the training data "
                                    + train.labels().names());
                }
                for (int start = 0; start < train.size(); start += CHUNK) {
                    int n = Math.min(CHUNK, train.size() - start);
                    List<BufferedImage> images = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        images.add(ImageDecoding.read(train.path(start + i)));
                    }
                    List<EmotionPrediction> predictions = teacher.predictAll(images);
                    for (int i = 0; i < n; i++) {
                        float[] p = predictions.get(i).probabilities();
                        for (int c = 0; c < k; c++) {
                            sum[(start + i) * k + c] += p[c] / teachers.size();
                        }
                    }
                    progress.onTeacherProgress(t + 1, teachers.size(), start + n, train.size());
                }
            } catch (MalformedModelException e) {
                throw new IllegalArgumentException("Teacher " + dir + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        return sum;
    }

    private static void write(Path csv, FaceFolder train, float[] p) throws IOException {
        int k = train.labels().size();
        Path tmp = csv.resolveSibling(PROBABILITIES + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("path," + String.join(",", train.labels().names()) + "\n");
            for (int i = 0; i < train.size(); i++) {
                StringBuilder sb = new StringBuilder(relative(train, i));
                for (int c = 0; c < k; c++) {
                    // Nine significant digits round-trip a float exactly.
                    sb.append(',').append(String.format(Locale.ROOT, "%.9g", p[i * k + c]));
                }
                w.write(sb.append('\n').toString());
            }
        }
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static float[] read(Path csv, FaceFolder train) throws IOException {
        int k = train.labels().size();
        Map<String, float[]> rows = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            String expected = "path," + String.join(",", train.labels().names());
            if (!expected.equals(header)) {
                throw new IllegalArgumentException(csv + ": header '" + header + "', expected '" + expected + "'");
            }
            String line;
            for (int n = 2; (line = r.readLine()) != null; n++) {
                String[] cells = line.split(",", -1);
                if (cells.length < k + 1) {
                    throw new IllegalArgumentException(
                            csv + ": line " + n + " has " + cells.length + " cells, expected " + (k + 1));
                }
                float[] p = new float[k];
                for (int c = 0; c < k; c++) {
                    p[c] = Float.parseFloat(cells[cells.length - k + c]);
                }
                // A path may hold commas: the probabilities are the last k cells.
                String path = String.join(",", Arrays.copyOf(cells, cells.length - k));
                rows.put(path, p);
            }
        }
        float[] out = new float[train.size() * k];
        for (int i = 0; i < train.size(); i++) {
            float[] p = rows.get(relative(train, i));
            if (p == null) {
                throw new IllegalArgumentException(csv + " has no row for " + relative(train, i) + "; delete "
                        + csv.getParent() + " to compute the probabilities again");
            }
            System.arraycopy(p, 0, out, i * k, k);
        }
        return out;
    }

    /** The image's path under the training folder, with forward slashes on every system. */
    private static String relative(FaceFolder train, int i) {
        return train.root().relativize(train.path(i)).toString().replace('\\', '/');
    }
}
