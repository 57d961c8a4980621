// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionLabelsTest {

    @TempDir
    Path dir;

    @Test
    void fer2013OrderIsSortedFolderOrder() {
        assertThat(EmotionLabels.fer2013().names())
                .containsExactly("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise")
                .isSorted();
        assertThat(Emotion.fromLabel("Happy")).isEqualTo(Emotion.HAPPY);
        assertThat(Emotion.SURPRISE.displayName()).isEqualTo("Surprise");
    }

    @Test
    void roundTripsInSeedForm() throws IOException {
        Path file = dir.resolve(EmotionLabels.FILE_NAME);
        EmotionLabels.fer2013().write(file);
        assertThat(Files.readString(file)).contains("\"0\" : \"angry\"").contains("\"6\" : \"surprise\"");
        assertThat(EmotionLabels.read(file)).isEqualTo(EmotionLabels.fer2013());
    }

    @Test
    void readsKeysInAnyOrder() throws IOException {
        Path file = write("{\"1\": \"b\", \"0\": \"a\"}");
        assertThat(EmotionLabels.read(file).names()).containsExactly("a", "b");
    }

    @Test
    void rejectsDuplicateNames() {
        Path file = write("{\"0\": \"happy\", \"1\": \"happy\"}");
        assertThatThrownBy(() -> EmotionLabels.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Duplicate label 'happy'");
    }

    @Test
    void rejectsGaps() {
        Path file = write("{\"0\": \"a\", \"2\": \"c\"}");
        assertThatThrownBy(() -> EmotionLabels.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("1 is missing");
    }

    @Test
    void rejectsNonIntegerKeys() {
        Path file = write("{\"0\": \"a\", \"one\": \"b\"}");
        assertThatThrownBy(() -> EmotionLabels.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'one' is not an integer");
    }

    @Test
    void rejectsDuplicateIndicesAndNonJson() {
        Path dup = write("{\"0\": \"a\", \"00\": \"b\"}");
        assertThatThrownBy(() -> EmotionLabels.read(dup)).hasMessageContaining("index 0 appears twice");
        Path bad = write("not json");
        assertThatThrownBy(() -> EmotionLabels.read(bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("not valid JSON");
        Path array = write("[\"a\"]");
        assertThatThrownBy(() -> EmotionLabels.read(array)).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> EmotionLabels.read(dir.resolve("missing.json")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing.json");
    }

    private Path write(String json) {
        try {
            Path file = Files.createTempFile(dir, "labels", ".json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
