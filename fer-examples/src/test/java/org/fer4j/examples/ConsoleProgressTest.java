// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void withoutATerminalEachTenthOfAStageIsOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ConsoleProgress p = new ConsoleProgress(false, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i <= 25; i++) {
                p.update("decoding images", i, 25);
            }
            p.update("epoch 1/2", 0, 4, "");
            // Out of order, as threads report: 3 after 2 is shown, the late 1 is not.
            p.update("epoch 1/2", 2, 4, "loss 1.5000");
            p.update("epoch 1/2", 3, 4, "loss 1.2500");
            p.update("epoch 1/2", 1, 4, "loss 9.9999");
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "decoding images: 3/25 (12%)",
                        "decoding images: 5/25 (20%)",
                        "decoding images: 8/25 (32%)",
                        "decoding images: 10/25 (40%)",
                        "decoding images: 13/25 (52%)",
                        "decoding images: 15/25 (60%)",
                        "decoding images: 18/25 (72%)",
                        "decoding images: 20/25 (80%)",
                        "decoding images: 23/25 (92%)",
                        "decoding images: 25/25 (100%)",
                        "epoch 1/2: 2/4 (50%)  loss 1.5000",
                        "epoch 1/2: 3/4 (75%)  loss 1.2500",
                        ""));
    }

    @Test
    void aStageStartedAgainAfterCloseIsShownAgain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(false, new PrintStream(out, true, StandardCharsets.UTF_8));
        p.update("classifying images", 1, 1);
        p.close();
        p.update("classifying images", 1, 1);
        p.close();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("classifying images: 1/1 (100%)", "classifying images: 1/1 (100%)");
    }
}
