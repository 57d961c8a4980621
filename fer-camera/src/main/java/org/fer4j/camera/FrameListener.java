package org.fer4j.camera;

/**
 * Receives each frame's result from a running {@link EmotionCamera}, on the camera's loop thread.
 *
 * <p>The {@link CapturedFrame} is only valid during the call, because the next frame overwrites it;
 * take a copy ({@link CapturedFrame#annotatedImage()}) to show it on another thread. A listener that
 * throws stops the camera, and the exception reaches whoever runs or started it.
 */
@FunctionalInterface
public interface FrameListener {

    /**
     * Called once per frame, in order.
     *
     * @param result what was found in the frame
     * @param frame the frame itself, valid only during the call
     */
    void onFrame(FrameResult result, CapturedFrame frame);
}
