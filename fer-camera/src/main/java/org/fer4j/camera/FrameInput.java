// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.core.SkippedFile;

/** An opened {@link VideoSource}: frames one at a time, read by one thread. */
interface FrameInput extends AutoCloseable {

    /**
     * Returns the next frame, or null at the end of the source. The Mat belongs to this input and is
     * overwritten or freed by the next call: clone it to keep it.
     *
     * @throws IOException if the source fails in the middle
     */
    Mat next() throws IOException;

    /** Returns the timestamp of the frame last returned, in milliseconds from the start of the source. */
    long timestampMs();

    /**
     * Returns where the frame last returned came from: its file name for images and video files,
     * {@code "camera N"} for a camera, the address for a stream (see {@link FrameResult#source()}).
     */
    String sourceName();

    /** Returns the source's frame rate, or 0 when it has none (images) or does not say. */
    double frameRate();

    /** Returns the files that were skipped because they could not be read (image folders only). */
    default List<SkippedFile> skipped() {
        return List.of();
    }

    /** Stops the source and frees its native memory; never throws. */
    @Override
    void close();
}
