package org.fer4j.camera;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in a frame. {@link HaarFaceDetector} is the built-in implementation; any other detector
 * (a DNN, a landmark model) can be plugged into {@link EmotionCamera} through this interface.
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
     * @return the face boxes, possibly empty
     */
    List<FaceBox> detect(Mat image);

    /** Frees native resources; the default does nothing. */
    @Override
    default void close() {
    }
}
