// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-to-a-temporary-file-then-move helper every built-in sink uses. */
class OutputFileTest {

    @TempDir
    Path dir;

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void writesBesideTheTargetKeepingItsExtensionAndMovesOnCommit() throws IOException {
        Path target = dir.resolve("new/folder/talk.mp4");
        OutputFile out = OutputFile.create(target, true);
        assertThat(out.temp().getParent()).isEqualTo(target.toAbsolutePath().getParent());
        assertThat(out.temp().getFileName().toString())
                .startsWith(".talk.partial-")
                .endsWith(".mp4");
        assertThat(target).doesNotExist();
        Files.writeString(out.temp(), "done");
        assertThat(out.commit()).isEqualTo(target);
        assertThat(target).hasContent("done");
        assertThat(filesIn(target.getParent())).isEqualTo(1);
    }

    @Test
    void commitReplacesAnEarlierFileAndDiscardKeepsIt() throws IOException {
        Path target = Files.writeString(dir.resolve("faces.jsonl"), "earlier");
        OutputFile dropped = OutputFile.create(target, false);
        Files.writeString(dropped.temp(), "half");
        dropped.discard();
        assertThat(target).hasContent("earlier");
        assertThat(filesIn(dir)).isEqualTo(1);

        OutputFile kept = OutputFile.create(target, false);
        Files.writeString(kept.temp(), "new");
        kept.commit();
        assertThat(target).hasContent("new");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void aFolderAtTheTargetIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("out.mp4"));
        assertThatThrownBy(() -> OutputFile.create(folder, false))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot write " + folder + ": it is a folder");
        assertThat(filesIn(dir)).isEqualTo(1);
    }
}
