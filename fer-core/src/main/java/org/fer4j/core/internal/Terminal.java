// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import java.io.Console;

/** Whether this process writes to a terminal, which decides between a redrawn progress bar and log lines. */
public final class Terminal {

    private Terminal() {}

    /**
     * Returns whether this process runs on a terminal. Up to Java 21 a console exists only then; from Java
     * 22 {@code System.console()} returns one for redirected output too, and {@code Console.isTerminal()}
     * (looked up by name, as Java 17 lacks it) tells.
     *
     * @return whether standard input and output are a terminal
     */
    @SuppressWarnings("SystemConsoleNull") // no console is the answer on Java 17 to 21
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
