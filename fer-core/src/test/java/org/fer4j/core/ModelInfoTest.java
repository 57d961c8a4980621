package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInfoTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsArchitectureLabelsPreprocessingAndSections() throws IOException {
        Preprocessing plain = Preprocessing.builder().build();
        ModelInfo.of("seed", EmotionLabels.fer2013(), plain)
                .withSection("results", Map.of("validationAccuracy", 0.61)).write(dir);
        ModelInfo read = ModelInfo.read(dir);
        assertThat(read.architecture()).isEqualTo("seed");
        assertThat(read.labels()).isEqualTo(EmotionLabels.fer2013());
        assertThat(read.preprocessing()).isEqualTo(plain);
        assertThat(read.sections()).containsOnlyKeys("results");
        assertThat(Files.readString(dir.resolve("model.json"))).contains("\"version\" : 2")
                .doesNotContain("rankEqualize");
    }

    @Test
    void eachModelKeepsItsOwnPreprocessing() throws IOException {
        for (Preprocessing p : new Preprocessing[] {Preprocessing.builder().build(),
            Preprocessing.builder().optEqualize(true).build(), Preprocessing.blurredTrainingSplit()}) {
            ModelInfo.of("seed", EmotionLabels.fer2013(), p).write(dir);
            assertThat(ModelInfo.read(dir).preprocessing()).isEqualTo(p);
        }
    }

    /** The unversioned description every model.json carried before version 2 (the first bundled model's). */
    @Test
    void readsModelsSavedBeforeVersion2AsEqualisedAndSharpnessLimited() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"format\": 1, \"architecture\": \"seed\", "
                + "\"preprocessing\": {\"input\": [1, 48, 48], \"grey\": \"BT.601 luma 0.299R+0.587G+0.114B\", "
                + "\"resize\": \"per axis\", \"scale\": \"pixel / 255\", "
                + "\"equalize\": \"rank histogram equalisation\", \"targetSharpness\": 0.0315}, "
                + "\"labels\": [\"angry\", \"disgust\", \"fear\", \"happy\", \"neutral\", \"sad\", \"surprise\"]}");
        assertThat(ModelInfo.read(dir).preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
    }

    @Test
    void rejectsAnUnknownVersionOrStepNamingTheFile() throws IOException {
        ModelInfo.of("seed", EmotionLabels.fer2013(), Preprocessing.builder().optEqualize(true).build()).write(dir);
        Path file = dir.resolve("model.json");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("\"version\" : 2", "\"version\" : 3"));
        assertThatThrownBy(() -> ModelInfo.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("unknown preprocessing version 3");
        Files.writeString(file, good.replace("\"rankEqualize\"", "\"clahe\""));
        assertThatThrownBy(() -> ModelInfo.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("clahe");
        Files.writeString(file, good.replace("\"divisor\" : 255", "\"divisor\" : 127.5"));
        assertThatThrownBy(() -> ModelInfo.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("step 3");
    }

    @Test
    void rejectsMissingFields() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"labels\": [\"a\", \"b\"]}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'architecture'");
        Files.writeString(dir.resolve("model.json"), "{\"architecture\": \"seed\"}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'labels'");
    }
}
