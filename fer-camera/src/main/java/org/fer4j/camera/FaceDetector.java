// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in a frame. {@link YuNetFaceDetector} (boxes, scores and five landmarks) is built in (the
 * {@code fer} app also offers OpenCV's Haar cascade, boxes only); any other detector can be plugged into
 * {@link EmotionCamera} and {@link FaceAnalyzer} through this interface.
 *
 * <p>Implementations say whether they are thread-safe; {@link EmotionCamera} calls its detector from one
 * thread at a time.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Returns the faces in an 8-bit grey, BGR or BGRA image, in that image's pixel coordinates, or an
     * empty list when there is none. The image is only read, never kept or changed.
     *
     * @param image the frame to search
     * @return the faces, possibly empty
     */
    List<FaceDetection> detect(Mat image);

    /**
     * Looks again, more cheaply than {@link #detect(Mat)}, for faces found in an earlier frame; such a look
     * may miss new faces (the Haar detector's finds none, YuNet's finds new faces only at its coarse
     * scale). The camera loop uses it between full scans. The default has no cheaper look and returns
     * empty, so the caller scans the whole frame instead.
     *
     * @param image the frame to search
     * @param previous the boxes of the faces found in an earlier frame
     * @return the faces found near {@code previous}, or empty when this detector cannot search locally
     */
    default Optional<List<FaceDetection>> detectNear(Mat image, List<FaceBox> previous) {
        return Optional.empty();
    }

    /** Frees native resources; the default does nothing. */
    @Override
    default void close() {}
}
