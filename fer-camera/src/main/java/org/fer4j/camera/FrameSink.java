package org.fer4j.camera;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes frames somewhere as the camera processes them: an annotated video, JSON lines, a summary.
 * {@link Sinks} makes the built-in ones.
 *
 * <p>A sink given to {@link EmotionCamera.Builder#optSink(FrameSink)} belongs to that camera: it is
 * opened before the first frame, gets every frame on the loop thread, and is closed when the run ends
 * (also on failure or stop), so its files are complete when {@code run} returns.
 */
public interface FrameSink extends Closeable {

    /**
     * Prepares the sink before the first frame (opens files, sizes a recorder); the default does nothing.
     *
     * @param source what the camera is reading
     * @throws IOException if the output cannot be created; the camera stops
     */
    default void open(SourceInfo source) throws IOException {
    }

    /**
     * Writes one frame; {@code frame} is only valid during the call.
     *
     * @param result what was found in the frame
     * @param frame the frame itself, valid only during the call
     * @throws IOException if writing fails; the camera stops
     */
    void accept(FrameResult result, CapturedFrame frame) throws IOException;

    /** Finishes the output (trailers, summaries) and frees it; the default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
