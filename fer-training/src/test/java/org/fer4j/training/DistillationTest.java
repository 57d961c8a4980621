// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.TestTimeAugmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest {

    private static final List<String> CLASSES = List.of("sad", "angry", "happy");

    @TempDir
    Path tmp;

    /** A tiny teacher trained on the same kind of synthetic faces the students see. */
    private Path teacher(Path data) throws IOException {
        Path dir = tmp.resolve("teacher");
        new FerTrainer()
                .train(
                        TrainingSpec.builder()
                                .optEpochs(3)
                                .optBatchSize(16)
                                .optSeed(5)
                                .build(),
                        data,
                        dir,
                        TrainingProgress.NONE);
        return dir;
    }

    @Test
    void theStudentLearnsTheTeachersSoftTargetsAndRecordsTheTeacher() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 24, 6);
        Path teacher = teacher(data);
        // Weight 1: the training loss is the soft-target term alone, T^2 * KL(teacher_T || student_T).
        Distillation distillation = Distillation.from(List.of(teacher), 2, 1);
        TrainingSpec spec = TrainingSpec.builder()
                .optEpochs(5)
                .optBatchSize(16)
                .optSeed(9)
                .optDistillation(distillation)
                .build();
        Path out = tmp.resolve("student");
        TrainingResult r = new FerTrainer().train(spec, data, out, TrainingProgress.NONE);

        double first = r.history().get(0).loss();
        double last = r.history().get(4).loss();
        assertThat(last).isLessThan(first * 0.7);
        assertThat(out.resolve("distillation/teacher_probabilities.csv")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("distillation/teacher_probabilities.csv")))
                .hasSize(1 + 3 * 24)
                .first()
                .isEqualTo("path,angry,happy,sad");
        Distillation.Teacher recorded = ModelInfo.read(out)
                .training(TrainingSpec.class)
                .orElseThrow()
                .distillation()
                .teachers()
                .get(0);
        assertThat(recorded.path())
                .isEqualTo(teacher.toAbsolutePath().normalize().toString());
        assertThat(recorded.architecture()).isEqualTo("seed");
        assertThat(recorded.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(recorded.parametersSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void aDistilledRunResumedHalfWayEqualsAnUninterruptedOneAndReusesTheTargets() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 24, 6);
        TrainingSpec spec = TrainingSpec.builder()
                .optEpochs(4)
                .optBatchSize(16)
                .optSeed(3)
                .optOptimizer(TrainingSpec.Optimizer.NESTEROV)
                .optLearningRate(0.01f)
                .optLabelSmoothing(0.1f)
                .optAugmentation(Augmentation.standard())
                .optDistillation(Distillation.from(List.of(teacher(data)), 3, 0.7f))
                .build();
        Path straight = tmp.resolve("straight");
        new FerTrainer().train(spec, data, straight, TrainingProgress.NONE);

        Path split = tmp.resolve("split");
        FerTrainerTest.trainUntil(spec, data, split, 2);
        Path targets = split.resolve("distillation/teacher_probabilities.csv");
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(targets, written);
        int[] teacherPasses = {0};
        new FerTrainer().resume(split, new TrainingProgress() {
            @Override
            public void onTeacherProgress(int teacher, int teachers, int done, int total) {
                teacherPasses[0]++;
            }
        });
        assertThat(teacherPasses[0])
                .as("the resumed run reads the saved targets")
                .isZero();
        assertThat(Files.getLastModifiedTime(targets)).isEqualTo(written);

        float[] a = FerTrainerTest.weights(straight.resolve("checkpoints/epoch-0004.params"));
        float[] b = FerTrainerTest.weights(split.resolve("checkpoints/epoch-0004.params"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("weight %d", i).isCloseTo(a[i], within(1e-4f + 1e-3f * Math.abs(a[i])));
        }
    }

    @Test
    void targetsOfOtherTeachersOrOtherImagesAreRefusedNamingTheFile() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 8, 4);
        Path teacher = teacher(data);
        Path run = tmp.resolve("run");
        Distillation d = Distillation.from(List.of(teacher), 2, 0.5f);
        TrainValidationData loaded = TrainValidationData.load(data, TrainingSpec.DEFAULT_PREPROCESSING);
        float[] p = TeacherTargets.load(run, d, loaded.train(), TrainingProgress.NONE);
        assertThat(p).hasSize(24 * 3);
        for (int i = 0; i < 24; i++) {
            assertThat(p[3 * i] + p[3 * i + 1] + p[3 * i + 2]).isCloseTo(1f, within(1e-5f));
        }
        assertThat(TeacherTargets.load(run, d, loaded.train(), TrainingProgress.NONE))
                .containsExactly(p);

        Distillation other = new Distillation(
                List.of(new Distillation.Teacher("/elsewhere", "seed", TestTimeAugmentation.NONE, null, "00")),
                2,
                0.5f);
        assertThatThrownBy(() -> TeacherTargets.load(run, other, loaded.train(), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teachers.json")
                .hasMessageContaining("other teachers");

        Path csv = run.resolve("distillation/teacher_probabilities.csv");
        List<String> lines = Files.readAllLines(csv);
        Files.write(csv, lines.subList(0, lines.size() - 1));
        assertThatThrownBy(() -> TeacherTargets.load(run, d, loaded.train(), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(csv.toString())
                .hasMessageContaining("no row for");
    }

    @Test
    void theLossMixesHardLabelsAndTheSoftTermByHand() {
        // One sample, three classes, logits (1, 0, 0), label 0, soft targets (0.5, 0.25, 0.25), T = 2, w = 0.25.
        Distillation d = new Distillation(
                List.of(new Distillation.Teacher("/t", "seed", TestTimeAugmentation.NONE, null, "00")), 2, 0.25f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.create(new float[] {1f, 0f, 0f}, new Shape(1, 3));
            NDList labels = new NDList(
                    m.create(new long[] {0}),
                    target,
                    m.create(new float[] {1f}),
                    m.create(new float[] {0.5f, 0.25f, 0.25f}, new Shape(1, 3)));
            NDList logits = new NDList(m.create(new float[] {1f, 0f, 0f}, new Shape(1, 3)));
            float loss = new CrossEntropy(d).evaluate(labels, logits).getFloat();

            double hard = -Math.log(Math.E / (Math.E + 2));
            double z = Math.exp(0.5) + 2;
            double[] q = {Math.exp(0.5) / z, 1 / z, 1 / z};
            double kl = 0.5 * Math.log(0.5 / q[0]) + 2 * 0.25 * Math.log(0.25 / q[1]);
            assertThat((double) loss).isCloseTo(0.75 * hard + 0.25 * 4 * kl, within(1e-5));
            // Without distillation the same labels give the plain cross-entropy.
            float plain = new CrossEntropy(Distillation.NONE)
                    .evaluate(new NDList(labels.get(0), target, labels.get(2)), logits)
                    .getFloat();
            assertThat((double) plain).isCloseTo(hard, within(1e-6));
        }
    }

    @Test
    void settingsAreChecked() {
        Distillation.Teacher t = new Distillation.Teacher("/t", "seed", TestTimeAugmentation.NONE, null, "00");
        assertThatThrownBy(() -> new Distillation(List.of(), 2, 0.5f)).hasMessageContaining("at least one teacher");
        assertThatThrownBy(() -> new Distillation(List.of(t), 2, 0)).hasMessageContaining("weight above 0");
        assertThatThrownBy(() -> new Distillation(List.of(t), 0.5f, 0.5f)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new Distillation(List.of(t), 2, 1.5f)).hasMessageContaining("weight must be");
        assertThatThrownBy(() -> Distillation.from(List.of(tmp.resolve("missing")), 2, 0.5f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing");
        assertThat(Distillation.NONE.distils()).isFalse();
        // Settings saved before distillation existed read as none.
        Map<String, Object> old = TrainingSpec.builder().build().describe();
        old.remove("distillation");
        assertThat(TrainingSpec.fromDescription(old).distillation()).isEqualTo(Distillation.NONE);
    }
}
