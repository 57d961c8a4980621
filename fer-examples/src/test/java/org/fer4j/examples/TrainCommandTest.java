// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.fer4j.core.internal.Architectures;
import org.fer4j.training.Augmentation;
import org.fer4j.training.Distillation;
import org.fer4j.training.TrainingSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code fer train}'s options take their defaults and their architecture list from the library. */
class TrainCommandTest {

    private static TrainCommand parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    @Test
    void withNoSettingsTheCommandTrainsTheLibrarysDefaultSpec() throws Exception {
        TrainCommand command = parse("--output", "run");
        assertThat(command.spec()).isEqualTo(TrainingSpec.builder().build());
        assertThat(command.distillTemperature).isEqualTo(Distillation.DEFAULT_TEMPERATURE);
        assertThat(command.distillWeight).isEqualTo(Distillation.DEFAULT_WEIGHT);
    }

    @Test
    void everySettingReachesTheSpec() throws Exception {
        TrainCommand command = parse(
                "--output",
                "run",
                "--arch",
                "vgg-48",
                "--epochs",
                "60",
                "--batch-size",
                "128",
                "--seed",
                "7",
                "--patience",
                "3",
                "--monitor",
                "val_accuracy",
                "--optimizer",
                "nesterov",
                "--lr",
                "0.05",
                "--weight-decay",
                "5e-4",
                "--schedule",
                "cosine",
                "--warmup",
                "2",
                "--label-smoothing",
                "0.1",
                "--class-weights",
                "--augment",
                "--equalize");
        TrainingSpec expected = TrainingSpec.builder()
                .optArchitecture("vgg-48")
                .optEpochs(60)
                .optBatchSize(128)
                .optSeed(7)
                .optPatience(3)
                .optMonitor(TrainingSpec.Monitor.VAL_ACCURACY)
                .optOptimizer(TrainingSpec.Optimizer.NESTEROV)
                .optLearningRate(0.05f)
                .optWeightDecay(5e-4f)
                .optSchedule(TrainingSpec.Schedule.COSINE)
                .optWarmupEpochs(2)
                .optLabelSmoothing(0.1f)
                .optClassWeights(true)
                .optAugmentation(Augmentation.standard())
                .optPreprocessing(org.fer4j.core.Preprocessing.equalized())
                .build();
        assertThat(command.spec()).isEqualTo(expected);
    }

    @Test
    void theHelpListsTheRegisteredArchitecturesAndTheLibrarysDefaults() {
        // The help wraps its lines; compare the words.
        String help = new CommandLine(new TrainCommand()).getUsageMessage().replaceAll("\\s+", " ");
        TrainingSpec defaults = TrainingSpec.builder().build();
        assertThat(help)
                .contains("Architecture: " + String.join(", ", Architectures.names()))
                .contains("Batch size (default: " + defaults.batchSize() + ")")
                .contains("Maximum epochs (default: " + defaults.epochs() + ";")
                .contains("Base learning rate (default: " + defaults.learningRate() + ")");
    }
}
