// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

/** The PyTorch thread settings of a JVM that runs Spark tasks. */
final class EngineThreads {

    private EngineThreads() {}

    /**
     * Gives PyTorch one thread per call: Spark already runs one task per core, and PyTorch's own
     * thread pool on top of that makes the tasks fight for the same cores. Read once, when the engine
     * starts; an explicit {@code -Dai.djl.pytorch.num_threads} wins.
     */
    static void preferOnePerTask() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
