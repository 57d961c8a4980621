// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Error lines: one line, the path once, the reason always, no OpenCV internals (issue 23). */
class MessagesTest {

    @Test
    void thePathIsNamedOnceAndTheReasonAlways() {
        Path file = Path.of("huge.jpg");
        assertThat(Messages.about(file, new IllegalArgumentException("huge.jpg: Image too large")))
                .isEqualTo("huge.jpg: Image too large");
        assertThat(Messages.about(file, new IllegalArgumentException("Not a decodable image (3 bytes)")))
                .isEqualTo("huge.jpg: Not a decodable image (3 bytes)");
        // The JDK's bare-path messages get their reason.
        assertThat(Messages.about(Path.of("."), new AccessDeniedException("."))).isEqualTo(".: permission denied");
        assertThat(Messages.about(file, new NoSuchFileException("huge.jpg")))
                .isEqualTo("huge.jpg: no such file or folder");
        assertThat(Messages.reason(new IOException())).isEqualTo("IOException");
    }

    @Test
    void openCvInternalsAreCutToWhatTheySay() {
        String raw = "Cannot write image out.xyz: OpenCV(4.11.0) /home/runner/work/javacpp-presets/opencv/cppbuild/"
                + "linux-x86_64/opencv-4.11.0/modules/imgcodecs/src/loadsave.cpp:836: error: (-2:Unspecified error) "
                + "could not find a writer for the specified extension in function 'imwrite_'\n";
        String plain = Messages.plain(raw);
        assertThat(plain)
                .isEqualTo("Cannot write image out.xyz: OpenCV: could not find a writer for the specified "
                        + "extension (--verbose shows the details)");
        assertThat(Messages.plain("two\nlines")).isEqualTo("two; lines");
    }
}
