// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

/** Engine settings the app picks before DJL starts (they are read once, when the engine loads). */
final class Engines {

    private Engines() {}

    /**
     * Uses one PyTorch thread for the camera loop, whose detection already runs on a second thread:
     * with two, the threads fight for this machine's two cores (about 4 instead of 45 frames per second).
     * An explicit {@code -Dai.djl.pytorch.num_threads} wins.
     */
    static void preferOneInferenceThread() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** Keeps FFmpeg from printing every stream's details to the console; errors still show. */
    static void quietFfmpeg() {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
    }
}
