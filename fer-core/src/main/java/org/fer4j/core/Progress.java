// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

/**
 * Receives how far a long piece of work has come, for example decoding an image folder or classifying
 * it; {@link #NONE} ignores it. Work that runs on several threads may call it from any of them and, for
 * the same stage, not always in increasing order of {@code done}, so an implementation must be
 * thread-safe and keep the largest count it has seen.
 */
@FunctionalInterface
public interface Progress {

    /** A receiver that ignores everything. */
    Progress NONE = (stage, done, total) -> {};

    /**
     * Says that {@code done} of the {@code total} units of a stage are finished.
     *
     * @param stage what is being done, for example {@code "decoding images"}
     * @param done the units finished so far, from 0 to {@code total}
     * @param total the units the stage has
     */
    void update(String stage, int done, int total);
}
