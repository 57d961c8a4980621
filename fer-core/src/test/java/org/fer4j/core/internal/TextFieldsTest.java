// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A label or file name cannot break a line or a column of the text fer4j prints (issue 23). */
class TextFieldsTest {

    @Test
    void tabSeparatedFieldsEscapeEveryLineAndColumnBreak() {
        assertThat(TextFields.tsv("happy")).isSameAs("happy");
        assertThat(TextFields.tsv("a\tb\nc\rd\\e\u0007")).isEqualTo("a\\tb\\nc\\rd\\\\e\\u0007");
        assertThat(TextFields.tsv("x\tfake.jpg\tangry\t1.0\nforged").split("\t"))
                .hasSize(1);
    }

    @Test
    void commaSeparatedFieldsAreQuotedOnlyWhenNeeded() {
        assertThat(TextFields.csv("happy")).isEqualTo("happy");
        assertThat(TextFields.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(TextFields.csv("say \"hi\"\nnow")).isEqualTo("\"say \"\"hi\"\"\nnow\"");
    }
}
