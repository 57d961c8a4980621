// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.fer4j.core.Preprocessing;
import org.junit.jupiter.api.Test;

class TrainingSpecTest {

    @Test
    void savedFormRoundTripsEveryField() throws Exception {
        TrainingSpec spec = TrainingSpec.builder()
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
                .optPreprocessing(Preprocessing.standard())
                .optMixup(0.2f)
                .optCutmix(1f)
                .build();
        Map<String, Object> saved = spec.describe();
        assertThat(saved)
                .containsEntry("optimizer", "nesterov")
                .containsEntry("monitor", "val_accuracy")
                .containsEntry("schedule", "cosine");
        assertThat(TrainingSpec.fromDescription(saved)).isEqualTo(spec);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsString(spec), TrainingSpec.class))
                .isEqualTo(spec);
        assertThat(spec.toBuilder().optEpochs(61).build().epochs()).isEqualTo(61);
        // Settings that are off are not written, so runs from before they existed save as they did then.
        assertThat(spec.toBuilder().optMixup(0).optCutmix(0).build().describe())
                .doesNotContainKeys("mixupAlpha", "cutmixAlpha", "averageDecay", "distillation");
    }

    /** The training section of a model.json written before preprocessing was part of the spec, read by Jackson. */
    @Test
    void readsSettingsSavedBeforePreprocessingWasRecorded() throws Exception {
        String old = "{\"architecture\":\"seed\",\"epochs\":100,\"batchSize\":64,\"seed\":42,\"patience\":10,"
                + "\"monitor\":\"val_loss\",\"optimizer\":\"adam\",\"learningRate\":0.001,\"weightDecay\":0.0,"
                + "\"schedule\":\"constant\",\"warmupEpochs\":0,\"labelSmoothing\":0.0,\"classWeights\":false,"
                + "\"augmentation\":{\"horizontalFlip\":false,\"shiftFraction\":0.0,\"rotationDegrees\":0.0,"
                + "\"scaleFraction\":0.0,\"brightness\":0.0,\"contrast\":0.0,\"erasingProbability\":0.0}}";
        TrainingSpec spec = new ObjectMapper().readValue(old, TrainingSpec.class);
        assertThat(spec.preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
        assertThat(spec.augmentation().isNone()).isTrue();
        assertThat(spec.patience()).isEqualTo(10);
        assertThat(spec.mixupAlpha()).isZero();
        assertThat(spec.cutmixAlpha()).isZero();
    }

    @Test
    void learningRateScheduleWarmsUpAndDecays() {
        TrainingSpec spec = TrainingSpec.builder()
                .optEpochs(10)
                .optLearningRate(0.1f)
                .optWarmupEpochs(2)
                .optSchedule(TrainingSpec.Schedule.COSINE)
                .build();
        assertThat(spec.learningRateAt(1)).isCloseTo(0.05f, within(1e-6f));
        assertThat(spec.learningRateAt(2)).isCloseTo(0.1f, within(1e-6f));
        assertThat(spec.learningRateAt(6)).isCloseTo(0.05f, within(1e-6f));
        assertThat(spec.learningRateAt(10)).isCloseTo(0f, within(1e-6f));
        assertThat(TrainingSpec.fromDescription(spec.describe()).describe()).isEqualTo(spec.describe());
    }

    @Test
    void invalidValuesFailWithTheirOwnMessage() {
        assertThatThrownBy(() -> TrainingSpec.builder().optEpochs(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be >= 1, got 0");
        assertThatThrownBy(() -> TrainingSpec.builder().optLabelSmoothing(0.7f).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label smoothing");
        assertThatThrownBy(() -> TrainingSpec.builder().optMixup(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mixup alpha must be 0 (none) or in (0, 10], got -1.0");
        assertThatThrownBy(() -> TrainingSpec.builder().optCutmix(11).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CutMix alpha");
        assertThatThrownBy(
                        () -> TrainingSpec.builder().optArchitecture("alexnet").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown architecture");
        assertThatThrownBy(() -> TrainingSpec.fromDescription(Map.of("architecture", "seed")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
