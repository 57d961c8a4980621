// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

/**
 * A failure whose cause a command has already printed, in its place among the lines it printed; the app
 * only sets the exit code (and prints the stack trace with {@code --verbose}).
 */
final class ReportedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReportedFailure(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
