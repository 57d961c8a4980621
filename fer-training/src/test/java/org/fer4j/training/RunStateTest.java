// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    @TempDir
    Path dir;

    /** The state.json of a real vgg-48 run, written after its 7th epoch by the trainer before RunState existed. */
    @Test
    void readsAndRewritesTheStateOfARealRunUnchanged() throws Exception {
        Path saved = Path.of(getClass().getResource("state-vgg48-epoch7.json").toURI());
        RunState state = RunState.read(saved);
        assertThat(state.epochsDone()).isEqualTo(7);
        assertThat(state.bestEpoch()).isEqualTo(6);
        assertThat(state.bestValue()).isEqualTo(0.5413764279743661);
        assertThat(state.sinceBest()).isEqualTo(1);
        assertThat(state.checkpoint()).isEqualTo("epoch-0007");
        assertThat(state.history()).isEqualTo("history/training_history_20261127_102117.csv");
        assertThat(state.data()).isEqualTo("/work/shared/fer2013");
        assertThat(state.optimizerSteps()).hasSize(29).containsEntry("19Linear_weight", 1575);
        assertThat(state.spec().architecture()).isEqualTo("vgg-48");
        assertThat(state.spec().optimizer()).isEqualTo(TrainingSpec.Optimizer.NESTEROV);
        assertThat(state.spec().weightDecay()).isEqualTo(5e-4f);
        assertThat(state.spec().augmentation().isNone()).isFalse();

        Path rewritten = dir.resolve("state.json");
        state.write(rewritten);
        ObjectMapper json = new ObjectMapper();
        JsonNode before = json.readTree(saved.toFile());
        JsonNode after = json.readTree(rewritten.toFile());
        assertThat(after).isEqualTo(before);
        assertThat(fieldNames(after)).containsExactlyElementsOf(fieldNames(before));
        assertThat(fieldNames(after.get("optimizerSteps")))
                .containsExactlyElementsOf(fieldNames(before.get("optimizerSteps")));
        assertThat(fieldNames(after.get("spec"))).containsExactlyElementsOf(fieldNames(before.get("spec")));
        assertThat(RunState.read(rewritten)).isEqualTo(state);
    }

    /** The state.json of the distilled vgg-48 run after its 50th epoch: the teacher and its settings round-trip too. */
    @Test
    void readsAndRewritesTheStateOfADistilledRunUnchanged() throws Exception {
        Path saved =
                Path.of(getClass().getResource("state-vgg48-kd-epoch50.json").toURI());
        RunState state = RunState.read(saved);
        assertThat(state.epochsDone()).isEqualTo(50);
        Distillation distillation = state.spec().distillation();
        assertThat(distillation.temperature()).isEqualTo(2f);
        assertThat(distillation.weight()).isEqualTo(0.8f);
        assertThat(distillation.teachers()).singleElement().satisfies(t -> {
            assertThat(t.architecture()).isEqualTo("vgg-48");
            assertThat(t.validationAccuracy()).isEqualTo(0.7071607690164391);
        });
        Path rewritten = dir.resolve("state.json");
        state.write(rewritten);
        ObjectMapper json = new ObjectMapper();
        JsonNode before = json.readTree(saved.toFile());
        JsonNode after = json.readTree(rewritten.toFile());
        assertThat(after).isEqualTo(before);
        assertThat(fieldNames(after.get("spec"))).containsExactlyElementsOf(fieldNames(before.get("spec")));
        assertThat(RunState.read(rewritten)).isEqualTo(state);
    }

    /** A state saved before optimiser state and preprocessing were recorded, with a field no version wrote. */
    @Test
    void readsAStateSavedBeforeOptimiserStateWasCheckpointed() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(
                file,
                "{\"epochsDone\": 3, \"bestEpoch\": 2, \"bestValue\": 1.2, \"sinceBest\": 1, "
                        + "\"history\": \"history/training_history_20261126_101010.csv\", \"started\": \"2026-11-26T10:10:10Z\", "
                        + "\"data\": \"/data/fer2013\", \"note\": \"ignored\", \"spec\": {\"architecture\": \"seed\", \"epochs\": 100, "
                        + "\"batchSize\": 64, \"seed\": 42, \"patience\": 10, \"monitor\": \"val_loss\", \"optimizer\": \"adam\", "
                        + "\"learningRate\": 0.001, \"weightDecay\": 0.0, \"schedule\": \"constant\", \"warmupEpochs\": 0, "
                        + "\"labelSmoothing\": 0.0, \"classWeights\": false, \"augmentation\": {\"horizontalFlip\": false, "
                        + "\"shiftFraction\": 0.0, \"rotationDegrees\": 0.0, \"scaleFraction\": 0.0, \"brightness\": 0.0, "
                        + "\"contrast\": 0.0, \"erasingProbability\": 0.0}}}");
        RunState state = RunState.read(file);
        assertThat(state.checkpoint()).isEqualTo(RunState.LEGACY_CHECKPOINT);
        assertThat(state.optimizerSteps()).isEmpty();
        assertThat(state.epochsDone()).isEqualTo(3);
        assertThat(state.spec().preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
    }

    @Test
    void rejectsAnIncompleteOrInvalidStateNamingTheFile() throws Exception {
        Path saved = Path.of(getClass().getResource("state-vgg48-epoch7.json").toURI());
        String good = Files.readString(saved);
        Path file = dir.resolve("state.json");
        Files.writeString(file, good.replace("\"epochsDone\" : 7,", ""));
        assertThatThrownBy(() -> RunState.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("epochsDone");
        Files.writeString(file, good.replace("\"epochs\" : 60", "\"epochs\" : 0"));
        assertThatThrownBy(() -> RunState.read(file)).hasMessageContaining("epochs must be >= 1, got 0");
        Files.writeString(file, good.replace("\"epoch-0007\"", "\"../../model\""));
        assertThatThrownBy(() -> RunState.read(file)).hasMessageContaining("'../../model' is not an epoch-NNNN file");
    }

    /** Issue 23: counts no trainer writes are refused on reading, naming the file, before a resume overwrites history. */
    @Test
    void rejectsNegativeOrInconsistentCountsAndOversizedFilesNamingTheFile() throws Exception {
        Path saved = Path.of(getClass().getResource("state-vgg48-epoch7.json").toURI());
        String good = Files.readString(saved);
        Path file = dir.resolve("state.json");
        Files.writeString(file, good.replace("\"epochsDone\" : 7,", "\"epochsDone\" : -5,"));
        assertThatThrownBy(() -> RunState.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not a readable run state")
                .hasMessageContaining("epochsDone -5");
        Files.writeString(file, good.replace("\"bestEpoch\" : 6,", "\"bestEpoch\" : 9,"));
        assertThatThrownBy(() -> RunState.read(file)).hasMessageContaining("bestEpoch 9");
        Files.writeString(file, good.replace("\"sinceBest\" : 1,", "\"sinceBest\" : -1,"));
        assertThatThrownBy(() -> RunState.read(file)).hasMessageContaining("sinceBest -1");
        Files.write(file, new byte[(int) org.fer4j.core.internal.FileCaps.MAX_JSON_BYTES + 1]);
        assertThatThrownBy(() -> RunState.read(file))
                .hasMessageStartingWith(file + ": not a readable run state (too large");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
