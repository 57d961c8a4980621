// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.TestTimeAugmentation;

/**
 * Knowledge distillation settings of a run: the teacher models whose averaged probabilities on each
 * training image become soft targets, the temperature that softens them, and the weight of the soft
 * term against the hard labels. The loss per image is {@code (1 - weight) * CE(label) + weight * T^2 *
 * KL(teacher_T || student_T)}, where {@code x_T} is a distribution sharpened or softened to temperature T.
 *
 * @param teachers the teacher models as they were when the run started (path, network, test-time augmentation,
 *     validation accuracy, SHA-256 of the weights), empty when distillation is off
 * @param temperature the softening temperature (at least 1)
 * @param weight the weight of the soft-target term, in (0, 1] when distillation is on, 0 when off
 */
public record Distillation(List<Teacher> teachers, float temperature, float weight) {

    /** No distillation: the loss is the plain (smoothed) cross-entropy on the labels. */
    public static final Distillation NONE = new Distillation(List.of(), 1, 0);

    /** The temperature {@code fer train} distils at unless told otherwise. */
    public static final float DEFAULT_TEMPERATURE = 4;

    /** The weight of the soft targets {@code fer train} uses unless told otherwise. */
    public static final float DEFAULT_WEIGHT = 0.8f;

    /**
     * One teacher model as it was when the run started, recorded in the student's {@code model.json}. Made by
     * {@link #from}; read back from saved settings by Jackson.
     *
     * @param path the teacher's model folder, absolute
     * @param architecture the teacher's network
     * @param testTimeAugmentation the test-time augmentation the teacher ran with, as its model.json names it
     * @param validationAccuracy the validation accuracy its model.json records for that mode, or null
     * @param parametersSha256 the SHA-256 of its {@code model.params}, which names the weights wherever they move
     */
    record Teacher(
            String path,
            String architecture,
            TestTimeAugmentation testTimeAugmentation,
            Double validationAccuracy,
            String parametersSha256) {

        /**
         * Checks the components.
         *
         * @param path see the record description
         * @param architecture see the record description
         * @param testTimeAugmentation see the record description
         * @param validationAccuracy see the record description
         * @param parametersSha256 see the record description
         */
        Teacher {
            Objects.requireNonNull(path, "teacher path");
            Objects.requireNonNull(architecture, "teacher architecture");
            Objects.requireNonNull(testTimeAugmentation, "teacher test-time augmentation");
        }
    }

    /**
     * Checks the settings.
     *
     * @param teachers see the record description
     * @param temperature see the record description
     * @param weight see the record description
     * @throws IllegalArgumentException if a value is out of range, or teachers and weight disagree
     */
    public Distillation {
        teachers = List.copyOf(Objects.requireNonNull(teachers, "teachers"));
        if (!(temperature >= 1 && temperature <= 100)) {
            throw new IllegalArgumentException("distillation temperature must be in [1, 100], got " + temperature);
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("distillation weight must be in [0, 1], got " + weight);
        }
        if (teachers.isEmpty() != (weight == 0)) {
            throw new IllegalArgumentException(
                    teachers.isEmpty()
                            ? "a distillation weight needs at least one teacher"
                            : "distillation needs a weight above 0");
        }
    }

    /**
     * Describes distillation from the model folders given, reading each teacher's {@code model.json}.
     *
     * @param teacherDirs the teacher model folders (at least one)
     * @param temperature the softening temperature, at least 1
     * @param weight the weight of the soft-target term, in (0, 1]
     * @return the settings
     * @throws IOException if a teacher's model.json cannot be read (the message names the file)
     * @throws IllegalArgumentException if no teacher is given or a value is out of range
     */
    public static Distillation from(List<Path> teacherDirs, float temperature, float weight) throws IOException {
        if (teacherDirs.isEmpty()) {
            throw new IllegalArgumentException("distillation needs at least one teacher model folder");
        }
        List<Teacher> teachers = new ArrayList<>();
        for (Path dir : teacherDirs) {
            ModelInfo info = ModelInfo.read(dir);
            InferenceSettings inference =
                    info.inference().orElse(new InferenceSettings(TestTimeAugmentation.NONE, null));
            teachers.add(new Teacher(
                    dir.toAbsolutePath().normalize().toString(),
                    info.architecture(),
                    inference.testTimeAugmentation(),
                    inference.validationAccuracy(),
                    sha256(dir.resolve(ModelInfo.PARAMETERS_FILE))));
        }
        return new Distillation(teachers, temperature, weight);
    }

    /**
     * Returns whether the run distils (a plain accessor name, so it is not saved as a field).
     *
     * @return true when there are teachers
     */
    public boolean distils() {
        return !teachers.isEmpty();
    }

    /**
     * Jackson's filter that leaves {@link #NONE} out of saved settings, so runs and models without
     * distillation write their {@code state.json} and {@code model.json} exactly as before it existed.
     */
    static final class NoneFilter {
        @Override
        public boolean equals(Object value) {
            return NONE.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
