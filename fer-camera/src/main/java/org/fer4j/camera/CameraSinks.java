// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.List;

/**
 * The sinks of one camera, which it owns: opened before the first frame, fed every frame on the loop thread,
 * and closed or aborted once when the run ends (or when a camera that never ran is closed).
 */
final class CameraSinks {

    private final List<FrameSink> sinks;

    CameraSinks(List<FrameSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    /** Opens the camera's source; when that fails, the sinks are aborted, since no run will close them. */
    FrameInput openSource(VideoSource source) throws IOException {
        try {
            return source.open();
        } catch (IOException | RuntimeException | Error e) {
            close(e);
            throw e;
        }
    }

    /** Opens every sink; the first that fails stops the run. */
    void open(SourceInfo source) throws IOException {
        for (FrameSink sink : sinks) {
            if (sink instanceof SourceAwareSink aware) {
                aware.open(source);
            }
        }
    }

    /** Hands the frame to every sink, in the order they were added. */
    void accept(FrameResult result, CapturedFrame frame) throws IOException {
        for (FrameSink sink : sinks) {
            sink.accept(result, frame);
        }
    }

    /**
     * Closes every sink and returns the first error, or null; with an earlier {@code failure}, errors are
     * added to it as suppressed instead. A run that failed aborts its sinks, so they drop unfinished
     * files; an interrupted one ended on request, like a stopped one, and finishes them.
     */
    IOException close(Throwable failure) {
        boolean failed = failure != null && !(failure instanceof InterruptedException);
        IOException first = null;
        for (FrameSink sink : sinks) {
            try {
                if (failed) {
                    sink.abort();
                } else {
                    sink.close();
                }
            } catch (IOException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
