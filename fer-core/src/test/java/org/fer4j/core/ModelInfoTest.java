// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoTest {

    @TempDir
    Path dir;

    private static final ModelInfo.Results RESULTS =
            new ModelInfo.Results(31, 41, "test/", 1.0578, 0.6188, 0.7164, 0.6230, "No marked overfitting", true, true);
    private static final ModelInfo.Provenance PROVENANCE = new ModelInfo.Provenance(
            "/data/fer2013",
            Map.of("angry", 3995),
            Map.of("angry", 467),
            2,
            "0.32.0",
            "PyTorch 2.5.1",
            "17",
            "Linux amd64",
            "2026-11-27T09:49:41Z",
            "2026-11-27T11:37:44Z");

    /** A settings type of another module, as fer-training's TrainingSpec is to fer-core. */
    record Settings(String optimizer, float learningRate) {}

    @Test
    void roundTripsArchitectureLabelsPreprocessingAndTypedSections() throws IOException {
        Preprocessing plain = Preprocessing.standard();
        ModelInfo.of("seed", EmotionLabels.fer2013(), plain)
                .withTraining(new Settings("adam", 0.001f))
                .withResults(RESULTS)
                .withProvenance(PROVENANCE)
                .withInference(new InferenceSettings(TestTimeAugmentation.TEN_CROP, 0.7072, 1.25, 46))
                .write(dir);
        ModelInfo read = ModelInfo.read(dir);
        assertThat(read.architecture()).isEqualTo("seed");
        assertThat(read.labels()).isEqualTo(EmotionLabels.fer2013());
        assertThat(read.preprocessing()).isEqualTo(plain);
        assertThat(read.training(Settings.class)).contains(new Settings("adam", 0.001f));
        assertThat(read.results()).contains(RESULTS);
        assertThat(read.provenance()).contains(PROVENANCE);
        assertThat(read.inference()).contains(new InferenceSettings(TestTimeAugmentation.TEN_CROP, 0.7072, 1.25, 46));
        assertThat(read.inference().orElseThrow().centreCropOrWhole()).isEqualTo(46);
        assertThat(new InferenceSettings(TestTimeAugmentation.NONE, null).centreCropOrWhole())
                .isEqualTo(Preprocessing.SIZE);
        String json = Files.readString(dir.resolve("model.json"));
        assertThat(json).contains("\"version\" : 2").doesNotContain("rankEqualize");
        // Sections follow the model's own fields, in this order, with the settings as Jackson writes them.
        assertThat(json.indexOf("\"labels\"")).isLessThan(json.indexOf("\"inference\""));
        assertThat(json.indexOf("\"inference\"")).isLessThan(json.indexOf("\"training\""));
        assertThat(json.indexOf("\"training\"")).isLessThan(json.indexOf("\"results\""));
        assertThat(json.indexOf("\"results\"")).isLessThan(json.indexOf("\"provenance\""));
        assertThat(json).containsPattern("\"learningRate\" : 0\\.001\\s");

        ModelInfo bare = ModelInfo.of("seed", EmotionLabels.fer2013(), plain);
        bare.write(dir);
        assertThat(ModelInfo.read(dir).training(Settings.class)).isEmpty();
        assertThat(ModelInfo.read(dir).results()).isEmpty();
        assertThat(ModelInfo.read(dir).provenance()).isEmpty();
        assertThat(ModelInfo.read(dir).inference()).isEmpty();
        assertThatThrownBy(() -> bare.withTraining("adam")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A model.json as the first bundled model wrote it: version-1 preprocessing, results named
     * testLoss and testAccuracy; plus fields no version wrote, which are ignored.
     */
    @Test
    void readsOlderModelsAndIgnoresUnknownFields() throws IOException {
        Files.writeString(
                dir.resolve("model.json"),
                "{\"format\": 1, \"architecture\": \"seed\", \"comment\": \"x\", "
                        + "\"preprocessing\": {\"input\": [1, 48, 48], \"equalize\": \"rank\", \"targetSharpness\": 0.0315}, "
                        + "\"labels\": [\"angry\", \"disgust\", \"fear\", \"happy\", \"neutral\", \"sad\", \"surprise\"], "
                        + "\"training\": {\"architecture\": \"seed\", \"epochs\": 100}, "
                        + "\"results\": {\"bestEpoch\": 27, \"epochsRun\": 37, \"testLoss\": 1.4958256315153566, "
                        + "\"testAccuracy\": 0.4254667038172193, \"finalTrainAccuracy\": 0.5410846772789021, "
                        + "\"finalValAccuracy\": 0.42156589579269993, \"diagnosis\": \"Overfitting\", \"stoppedEarly\": true, "
                        + "\"complete\": true, \"notes\": [1, 2]}, "
                        + "\"provenance\": {\"data\": \"/work/shared/fer2013\", \"trainImagesPerClass\": {\"angry\": 3995, "
                        + "\"disgust\": 436}, \"testImagesPerClass\": {\"angry\": 467, \"disgust\": 56}, \"skippedFiles\": 0, "
                        + "\"gpu\": \"none\"}}");
        ModelInfo info = ModelInfo.read(dir);
        assertThat(info.preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
        assertThat(info.results())
                .contains(new ModelInfo.Results(
                        27,
                        37,
                        null,
                        1.4958256315153566,
                        0.4254667038172193,
                        0.5410846772789021,
                        0.42156589579269993,
                        "Overfitting",
                        true,
                        true));
        ModelInfo.Provenance provenance = info.provenance().orElseThrow();
        assertThat(provenance.data()).isEqualTo("/work/shared/fer2013");
        assertThat(provenance.validationImagesPerClass()).containsExactly(entry("angry", 467), entry("disgust", 56));
        assertThat(provenance.djl()).isNull();
    }

    @Test
    void rejectsASectionOfTheWrongShapeNamingTheFile() throws IOException {
        ModelInfo.of("seed", EmotionLabels.fer2013(), Preprocessing.standard())
                .withResults(RESULTS)
                .write(dir);
        Path file = dir.resolve("model.json");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("\"bestEpoch\" : 31", "\"bestEpoch\" : \"best\""));
        assertThatThrownBy(() -> ModelInfo.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'results'");
        Files.writeString(
                file, good.replace("\"results\"", "\"inference\" : {\"testTimeAugmentation\" : [1]}, \"results\""));
        assertThatThrownBy(() -> ModelInfo.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'inference'");
    }

    @Test
    void eachModelKeepsItsOwnPreprocessing() throws IOException {
        for (Preprocessing p : new Preprocessing[] {
            Preprocessing.standard(), Preprocessing.equalized(), Preprocessing.blurredTrainingSplit()
        }) {
            ModelInfo.of("seed", EmotionLabels.fer2013(), p).write(dir);
            assertThat(ModelInfo.read(dir).preprocessing()).isEqualTo(p);
        }
    }

    /** The unversioned description every model.json carried before version 2 (the first bundled model's). */
    @Test
    void readsModelsSavedBeforeVersion2AsEqualisedAndSharpnessLimited() throws IOException {
        Files.writeString(
                dir.resolve("model.json"),
                "{\"format\": 1, \"architecture\": \"seed\", "
                        + "\"preprocessing\": {\"input\": [1, 48, 48], \"grey\": \"BT.601 luma 0.299R+0.587G+0.114B\", "
                        + "\"resize\": \"per axis\", \"scale\": \"pixel / 255\", "
                        + "\"equalize\": \"rank histogram equalisation\", \"targetSharpness\": 0.0315}, "
                        + "\"labels\": [\"angry\", \"disgust\", \"fear\", \"happy\", \"neutral\", \"sad\", \"surprise\"]}");
        assertThat(ModelInfo.read(dir).preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
    }

    @Test
    void rejectsAnUnknownVersionOrStepNamingTheFile() throws IOException {
        ModelInfo.of("seed", EmotionLabels.fer2013(), Preprocessing.equalized()).write(dir);
        Path file = dir.resolve("model.json");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("\"version\" : 2", "\"version\" : 3"));
        assertThatThrownBy(() -> ModelInfo.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown preprocessing version 3");
        Files.writeString(file, good.replace("\"rankEqualize\"", "\"clahe\""));
        assertThatThrownBy(() -> ModelInfo.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("clahe");
        Files.writeString(file, good.replace("\"divisor\" : 255", "\"divisor\" : 127.5"));
        assertThatThrownBy(() -> ModelInfo.read(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("step 3");
    }

    @Test
    void rejectsMissingFields() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"labels\": [\"a\", \"b\"]}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'architecture'");
        Files.writeString(dir.resolve("model.json"), "{\"architecture\": \"seed\"}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'labels'");
    }
}
