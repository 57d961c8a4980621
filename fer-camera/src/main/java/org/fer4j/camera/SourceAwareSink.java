// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;

/**
 * A sink of fer4j's own that prepares before the first frame (opens files, sizes a recorder) from what the
 * camera is reading; a user's {@link FrameSink} prepares on its first frame instead.
 */
interface SourceAwareSink extends FrameSink {

    /**
     * Prepares the sink before the first frame.
     *
     * @param source what the camera is reading
     * @throws IOException if the output cannot be created; the camera stops
     */
    void open(SourceInfo source) throws IOException;
}
