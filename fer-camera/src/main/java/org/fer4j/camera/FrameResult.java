// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EmotionCamera} found in one frame. Immutable and safe to hand to other threads.
 *
 * @param frameIndex the frame's index in the source, from 0
 * @param timestampMs the frame's time in milliseconds: the stream position for videos, the time since
 *     the first frame for cameras, 0 for images
 * @param width the frame width in pixels
 * @param height the frame height in pixels
 * @param faces the faces, left to right; an empty list when there is none, never null
 * @param analysed true when faces were detected and classified in this frame; false when it was skipped
 *     (see {@link EmotionCamera.Builder#optEveryNthFrame(int)}) and carries the faces of the last
 *     analysed frame
 * @param source where the frame came from: the file name (without its folder) for images, image folders
 *     and video files, {@code "camera 0"} for a camera, the address for a stream, the description for a grabber
 */
public record FrameResult(
        long frameIndex,
        long timestampMs,
        int width,
        int height,
        List<TrackedFace> faces,
        boolean analysed,
        String source) {

    /**
     * Copies the face list, so the result stays immutable, and checks that nothing is null.
     *
     * @param frameIndex the frame's index, from 0
     * @param timestampMs the frame's time in milliseconds
     * @param width the frame width
     * @param height the frame height
     * @param faces the faces, left to right
     * @param analysed whether this frame was analysed
     * @param source the file name or source description the frame came from
     */
    public FrameResult {
        faces = List.copyOf(Objects.requireNonNull(faces, "faces"));
        Objects.requireNonNull(source, "source");
    }
}
