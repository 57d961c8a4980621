// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.core.EmotionLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceFolderTest {

    @TempDir
    Path dir;

    @Test
    void aDatasetRootIsEvaluatedOnItsValidationSplit() throws IOException {
        EmotionLabels labels = EmotionLabels.of("happy", "sad");
        assertThat(FaceFolder.evaluationFolder(dir, labels)).isEqualTo(dir);
        Files.createDirectories(dir.resolve("train/happy"));
        Files.createDirectories(dir.resolve("test/happy"));
        assertThat(FaceFolder.evaluationFolder(dir, labels)).isEqualTo(dir.resolve(FaceFolder.VALIDATION_SPLIT));
        // A model with a class called "test" means the class folder, not the split.
        assertThat(FaceFolder.evaluationFolder(dir, EmotionLabels.of("happy", "test")))
                .isEqualTo(dir);
    }
}
