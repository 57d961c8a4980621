// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps PyTorch's one-time native warnings off the console. On CPUs without NNPACK support (this
 * project's AMD EPYC among them) PyTorch writes "Could not initialize NNPACK! Reason: Unsupported
 * hardware" to the process's standard error at its first convolution; the message is harmless (PyTorch
 * uses oneDNN instead) but reads like a fault. The app runs that first convolution once with native
 * standard error pointed at /dev/null; {@code --verbose} leaves it alone.
 */
final class NativeNoise {

    private static final int O_WRONLY = 1;
    private static boolean done;

    /** The few libc calls that redirect a file descriptor. */
    interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    private NativeNoise() {}

    /** Runs the engine's first convolution with native standard error silenced (Linux; elsewhere as is). */
    static synchronized void silenceFirstConvolution() {
        if (done) {
            return;
        }
        done = true;
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            return;
        }
        LibC c;
        try {
            c = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return;
        }
        System.err.flush();
        int saved = c.dup(2);
        int devnull = c.open("/dev/null", O_WRONLY);
        if (saved < 0 || devnull < 0) {
            return;
        }
        try {
            c.dup2(devnull, 2);
            firstConvolution();
        } finally {
            System.err.flush();
            c.dup2(saved, 2);
            c.close(saved);
            c.close(devnull);
        }
    }

    private static void firstConvolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(1, 1, 4, 4));
            NDArray w = m.zeros(new Shape(1, 1, 3, 3));
            Conv2d.conv2d(x, w);
        }
    }
}
