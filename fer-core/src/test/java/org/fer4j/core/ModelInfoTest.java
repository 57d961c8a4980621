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
    void roundTripsArchitectureLabelsAndSections() throws IOException {
        ModelInfo.of("seed", EmotionLabels.fer2013()).withSection("results", Map.of("testAccuracy", 0.61)).write(dir);
        ModelInfo read = ModelInfo.read(dir);
        assertThat(read.architecture()).isEqualTo("seed");
        assertThat(read.labels()).isEqualTo(EmotionLabels.fer2013());
        assertThat(read.sections()).containsOnlyKeys("results");
        assertThat(Files.readString(dir.resolve("model.json"))).contains("\"targetSharpness\" : 0.0315");
    }

    @Test
    void rejectsAModelMadeWithOtherPreprocessing() throws IOException {
        ModelInfo.of("seed", EmotionLabels.fer2013()).write(dir);
        Path file = dir.resolve("model.json");
        Files.writeString(file, Files.readString(file).replace("\"targetSharpness\" : 0.0315", "\"blurSigma\" : 0.0"));
        assertThatThrownBy(() -> ModelInfo.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("different preprocessing");
    }

    @Test
    void rejectsMissingFields() throws IOException {
        Files.writeString(dir.resolve("model.json"), "{\"labels\": [\"a\", \"b\"]}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'architecture'");
        Files.writeString(dir.resolve("model.json"), "{\"architecture\": \"seed\"}");
        assertThatThrownBy(() -> ModelInfo.read(dir)).hasMessageContaining("'labels'");
    }
}
