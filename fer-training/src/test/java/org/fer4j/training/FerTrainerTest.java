// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.ParameterFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FerTrainerTest {

    private static final List<String> CLASSES = List.of("sad", "angry", "happy");

    @TempDir
    Path tmp;

    private static TrainingSpecBuilder quick() {
        return TrainingSpec.builder().optEpochs(2).optBatchSize(16).optSeed(3);
    }

    @Test
    void trainsTwoEpochsAndWritesEveryOutput() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 24, 8);
        Path out = tmp.resolve("run");
        TrainingResult r = new FerTrainer().train(quick().build(), data, out, TrainingProgress.NONE);

        assertThat(r.history()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(r.bestEpoch()).isBetween(1, 2);
        assertThat(r.validationAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.interrupted()).isFalse();
        // Labels come from sorted folder names, whatever order the folders were created in.
        assertThat(EmotionLabels.read(out.resolve("emotion_labels.json")).names())
                .containsExactly("angry", "happy", "sad");
        ModelInfo info = ModelInfo.read(out);
        assertThat(info.architecture()).isEqualTo("seed");
        assertThat(info.labels().names()).containsExactly("angry", "happy", "sad");
        JsonNode json = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertThat(json.at("/training/batchSize").asInt()).isEqualTo(16);
        assertThat(json.at("/results/bestEpoch").asInt()).isEqualTo(r.bestEpoch());
        assertThat(json.at("/results/validationAccuracy").asDouble()).isEqualTo(r.validationAccuracy());
        assertThat(json.at("/results/diagnosis").asText()).contains("validation accuracy");
        assertThat(json.at("/provenance/trainImagesPerClass/sad").asInt()).isEqualTo(24);
        assertThat(json.at("/provenance/validationImagesPerClass/angry").asInt())
                .isEqualTo(8);
        assertThat(json.at("/provenance/djl").asText()).isEqualTo("0.32.0");
        assertThat(json.at("/preprocessing/version").asInt()).isEqualTo(2);
        assertThat(info.training(TrainingSpec.class)).contains(quick().build());
        ModelInfo.Results results = info.results().orElseThrow();
        assertThat(results.bestEpoch()).isEqualTo(r.bestEpoch());
        assertThat(results.epochsRun()).isEqualTo(2);
        assertThat(results.validationLoss()).isEqualTo(r.validationLoss());
        assertThat(results.complete()).isTrue();
        assertThat(info.provenance().orElseThrow().trainImagesPerClass())
                .containsExactly(entry("angry", 24), entry("happy", 24), entry("sad", 24));
        assertThat(info.preprocessing()).isEqualTo(TrainingSpec.DEFAULT_PREPROCESSING);
        assertThat(out.resolve(ModelInfo.PARAMETERS_FILE)).isNotEmptyFile();

        List<String> csv = Files.readAllLines(history(out));
        assertThat(csv.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("1,");
        assertThat(csv.get(2).split(",")).hasSize(7);
        assertThat(Files.readAllLines(out.resolve("class_distribution.csv")))
                .containsExactly("class,train,test", "angry,24,8", "happy,24,8", "sad,24,8");
        // Equal classes are called balanced, not imbalanced.
        assertThat(ClassDistribution.of(TrainValidationData.load(data, TrainingSpec.DEFAULT_PREPROCESSING))
                        .imbalanceLine())
                .startsWith("Balanced: 24 to 24");
        assertThat(ImageIO.read(out.resolve("class_distribution.png").toFile()).getWidth())
                .isEqualTo(900);
        assertThat(ImageIO.read(out.resolve("training_curves.png").toFile()).getHeight())
                .isEqualTo(700);
        assertThat(Files.readAllLines(out.resolve("skipped_files.csv"))).containsExactly("path,reason");
    }

    @Test
    void learnsAnEasyPattern() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 40, 10);
        TrainingResult r =
                new FerTrainer().train(quick().optEpochs(4).build(), data, tmp.resolve("run"), TrainingProgress.NONE);
        assertThat(r.validationAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void resumesAnInterruptedRunAndAppendsToTheSameHistory() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 16, 6);
        Path out = tmp.resolve("run");
        FerTrainer trainer = new FerTrainer();
        TrainingResult first = trainer.train(quick().optEpochs(3).build(), data, out, new TrainingProgress() {
            @Override
            public void onEpochEnd(EpochRecord record, boolean best) {
                trainer.requestStop();
            }
        });
        assertThat(first.interrupted()).isTrue();
        assertThat(first.history()).hasSize(1);
        assertThat(Files.readAllLines(history(out))).hasSize(2);

        assertThatThrownBy(() -> new FerTrainer().train(quick().build(), data, out, TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a training run");

        assertThatThrownBy(() -> new FerTrainer().resume(out, null, 1, TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already done 1 epochs");
        TrainingResult resumed = new FerTrainer().resume(out, TrainingProgress.NONE);
        assertThat(resumed.interrupted()).isFalse();
        assertThat(resumed.history()).extracting(EpochRecord::epoch).containsExactly(1, 2, 3);
        assertThat(resumed.history().get(0).toCsv())
                .isEqualTo(first.history().get(0).toCsv());
        List<String> csv = Files.readAllLines(history(out));
        assertThat(csv).hasSize(4);
        assertThat(csv.subList(1, 4)).extracting(l -> l.split(",", 2)[0]).containsExactly("1", "2", "3");
        TrainingResult longer = new FerTrainer().resume(out, null, 4, TrainingProgress.NONE);
        assertThat(longer.history()).extracting(EpochRecord::epoch).containsExactly(1, 2, 3, 4);
        assertThat(ModelInfo.read(out)
                        .training(TrainingSpec.class)
                        .orElseThrow()
                        .epochs())
                .isEqualTo(4);
        assertThatThrownBy(() -> new FerTrainer().resume(tmp.resolve("nothing"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No resumable run");
    }

    /**
     * Weights, optimiser moments, schedule and random draws (augmentation and batch mixing) all carry over: the
     * resumed run is the same run.
     */
    @ParameterizedTest
    @EnumSource(
            value = TrainingSpec.Optimizer.class,
            names = {"ADAM", "NESTEROV"})
    void halfThenResumeEqualsAnUninterruptedRun(TrainingSpec.Optimizer optimizer) throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 24, 6);
        TrainingSpec spec = quick().optEpochs(4)
                .optOptimizer(optimizer)
                .optLearningRate(0.01f)
                .optWeightDecay(1e-4f)
                .optSchedule(TrainingSpec.Schedule.COSINE)
                .optWarmupEpochs(1)
                .optAugmentation(Augmentation.standard())
                .optMixup(0.4f)
                .optCutmix(1)
                .build();
        Path straight = tmp.resolve("straight");
        new FerTrainer().train(spec, data, straight, TrainingProgress.NONE);

        Path split = tmp.resolve("split");
        TrainingResult half = trainUntil(spec, data, split, 2);
        assertThat(half.interrupted()).isTrue();
        assertThat(split.resolve("checkpoints/epoch-0002.optimizer")).isNotEmptyFile();
        new FerTrainer().resume(split, TrainingProgress.NONE);

        float[] a = weights(straight.resolve("checkpoints/epoch-0004.params"));
        float[] b = weights(split.resolve("checkpoints/epoch-0004.params"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("weight %d", i).isCloseTo(a[i], within(1e-4f + 1e-3f * Math.abs(a[i])));
        }
        // Only the last epoch's checkpoint is kept.
        assertThat(split.resolve("checkpoints/epoch-0002.params")).doesNotExist();
    }

    /** The weight average is what the run validates and ships, and a resumed run averages as if it never stopped. */
    @Test
    void weightAverageIsValidatedShippedAndResumedExactly() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 24, 6);
        TrainingSpec spec = quick().optEpochs(4)
                .optOptimizer(TrainingSpec.Optimizer.NESTEROV)
                .optLearningRate(0.01f)
                .optAverageDecay(0.9f)
                .build();
        Path straight = tmp.resolve("straight");
        TrainingResult r = new FerTrainer().train(spec, data, straight, TrainingProgress.NONE);
        Path split = tmp.resolve("split");
        trainUntil(spec, data, split, 2);
        new FerTrainer().resume(split, TrainingProgress.NONE);

        float[] average = weights(straight.resolve("checkpoints/epoch-0004.average"));
        float[] resumed = weights(split.resolve("checkpoints/epoch-0004.average"));
        float[] last = weights(straight.resolve("checkpoints/epoch-0004.params"));
        double apart = 0;
        for (int i = 0; i < average.length; i++) {
            assertThat(resumed[i])
                    .as("average %d", i)
                    .isCloseTo(average[i], within(1e-4f + 1e-3f * Math.abs(average[i])));
            apart = Math.max(apart, Math.abs(average[i] - last[i]));
        }
        assertThat(apart)
                .as("the average is not a copy of the last step's weights")
                .isGreaterThan(1e-3);
        // The shipped weights, evaluated afresh, give the figures the history recorded for the best epoch: the
        // average's.
        EpochRecord best = r.history().get(r.bestEpoch() - 1);
        assertThat(r.validationAccuracy()).isEqualTo(best.valAccuracy());
        assertThat(r.validationLoss()).isCloseTo(best.valLoss(), within(1e-4));
        assertThat(ModelInfo.read(straight)
                        .training(TrainingSpec.class)
                        .orElseThrow()
                        .averageDecay())
                .isEqualTo(0.9f);
    }

    @Test
    void resumeReadsAMovedDatasetAndRejectsDamagedOrCraftedStateBeforeLoadingData() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 12, 4);
        Path out = tmp.resolve("run");
        FerTrainer trainer = new FerTrainer();
        trainer.train(quick().optEpochs(3).build(), data, out, new TrainingProgress() {
            @Override
            public void onEpochEnd(EpochRecord record, boolean best) {
                trainer.requestStop();
            }
        });
        Path stateFile = out.resolve("checkpoints/state.json");
        String state = Files.readString(stateFile);
        Path params = out.resolve("checkpoints/epoch-0001.params");
        byte[] goodParams = Files.readAllBytes(params);
        Path nowhere = tmp.resolve("no-such-dataset");

        Files.writeString(stateFile, "{ \"epochsDone\": ");
        assertThatThrownBy(() -> new FerTrainer().resume(out, nowhere, 0, TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(stateFile.toString())
                .hasMessageContaining("not a readable run state");
        Files.writeString(
                stateFile, state.replaceAll("\"history\" : \"[^\"]*\"", "\"history\" : \"../../escape.csv\""));
        assertThatThrownBy(() -> new FerTrainer().resume(out, nowhere, 0, TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../escape.csv");
        assertThat(tmp.resolve("escape.csv")).doesNotExist();
        Files.writeString(stateFile, state);
        Files.write(params, java.util.Arrays.copyOf(goodParams, goodParams.length / 2));
        assertThatThrownBy(() -> new FerTrainer().resume(out, nowhere, 0, TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(params.toString());
        Files.write(params, goodParams);

        Path moved = tmp.resolve("moved");
        Files.move(data, moved);
        TrainingResult resumed = new FerTrainer().resume(out, moved, 0, TrainingProgress.NONE);
        assertThat(resumed.history()).extracting(EpochRecord::epoch).containsExactly(1, 2, 3);
        assertThat(ModelInfo.read(out).provenance().orElseThrow().data())
                .isEqualTo(moved.toAbsolutePath().normalize().toString());
    }

    /** Trains {@code spec} into {@code out} and stops after epoch {@code epoch}, as Ctrl-C would; resume it to go on. */
    static TrainingResult trainUntil(TrainingSpec spec, Path data, Path out, int epoch) throws IOException {
        FerTrainer trainer = new FerTrainer();
        return trainer.train(spec, data, out, new TrainingProgress() {
            @Override
            public void onEpochEnd(EpochRecord record, boolean best) {
                if (record.epoch() == epoch) {
                    trainer.requestStop();
                }
            }
        });
    }

    static float[] weights(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build("seed", CLASSES.size());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            ParameterFiles.read(block, manager, file);
            List<Float> all = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                for (float f : p.getValue().getArray().toFloatArray()) {
                    all.add(f);
                }
            }
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = all.get(i);
            }
            return out;
        }
    }

    @Test
    void skipsBadFilesAndReportsThem() throws IOException {
        Path data = SyntheticFaces.writeDataset(tmp.resolve("data"), CLASSES, 12, 4);
        Path corrupt = data.resolve("train/happy/corrupt.jpg");
        Files.write(corrupt, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path text = data.resolve("train/sad/notes.txt");
        Files.writeString(text, "not an image");
        Path out = tmp.resolve("run");
        TrainingResult r = new FerTrainer().train(quick().optEpochs(1).build(), data, out, TrainingProgress.NONE);
        assertThat(r.skipped()).extracting(SkippedFile::path).containsExactlyInAnyOrder(corrupt, text);
        assertThat(r.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        String csv = Files.readString(out.resolve("skipped_files.csv"));
        assertThat(csv).contains(corrupt.toString()).contains(text.toString());
        assertThat(ModelInfo.read(out).provenance().orElseThrow().skippedFiles())
                .isEqualTo(2);
    }

    @Test
    void stopsBeforeTrainingOnUnusableData() throws IOException {
        FerTrainer trainer = new FerTrainer();
        TrainingSpec spec = quick().build();
        Path noTest = tmp.resolve("noTest");
        SyntheticFaces.writeFolder(noTest.resolve("train"), CLASSES, 2, 1);
        assertThatThrownBy(() -> trainer.train(spec, noTest, tmp.resolve("o1"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no test/");

        Path noTrain = tmp.resolve("noTrain");
        SyntheticFaces.writeFolder(noTrain.resolve("test"), CLASSES, 2, 1);
        assertThatThrownBy(() -> trainer.train(spec, noTrain, tmp.resolve("o2"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no train/");

        Path empty = SyntheticFaces.writeDataset(tmp.resolve("empty"), CLASSES, 2, 2);
        Files.createDirectories(empty.resolve("train/fear"));
        Files.createDirectories(empty.resolve("test/fear"));
        assertThatThrownBy(() -> trainer.train(spec, empty, tmp.resolve("o3"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.resolve("train/fear").toString())
                .hasMessageContaining("holds no images");

        Path differ = SyntheticFaces.writeDataset(tmp.resolve("differ"), CLASSES, 2, 2);
        SyntheticFaces.writeFolder(differ.resolve("test"), List.of("fear"), 2, 1);
        assertThatThrownBy(() -> trainer.train(spec, differ, tmp.resolve("o4"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Class folders differ");

        Path single = SyntheticFaces.writeDataset(tmp.resolve("single"), List.of("happy"), 2, 2);
        assertThatThrownBy(() -> trainer.train(spec, single, tmp.resolve("o5"), TrainingProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two class");
        assertThat(tmp.resolve("o1")).doesNotExist();
    }

    private static Path history(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("history"))) {
            List<Path> files = s.collect(Collectors.toList());
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).matches("training_history_\\d{8}_\\d{6}\\.csv");
            return files.get(0);
        }
    }
}
