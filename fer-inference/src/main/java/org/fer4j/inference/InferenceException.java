// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

/** The engine failed while classifying; DJL's exception is kept as the cause. */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message and the engine's exception.
     *
     * @param message what failed
     * @param cause the engine's exception
     */
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
