// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

/** A model could not be loaded: a missing or corrupt file, an unknown architecture, or mismatched labels. */
public class ModelLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the file and the problem.
     *
     * @param message the file and the problem
     */
    public ModelLoadException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message naming the file and the problem, and its cause.
     *
     * @param message the file and the problem
     * @param cause the underlying exception
     */
    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
