package org.fer4j.camera;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames somewhere as the camera processes them: an annotated video, JSON lines, a summary.
 * {@link Sinks} makes the built-in ones.
 *
 * <p>A sink given to {@link EmotionCamera.Builder#optSink(FrameSink)} belongs to that camera: it is
 * opened before the first frame, gets every frame on the loop thread, and when the run ends it is
 * closed (the source ended, or the camera was stopped or interrupted) or aborted (the run failed), so
 * its files are finished or discarded when {@code run} returns.
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

    /**
     * Returns the files this sink has finished and put in place so far, in the order it finished them;
     * the default returns an empty list. Call it from the loop thread or after the run.
     *
     * @return the finished files
     */
    default List<Path> completedFiles() {
        return List.of();
    }

    /**
     * Ends a run that failed: drops what this sink has not finished, so no incomplete file is left at its
     * target, and frees it; files already finished stay. The default calls {@link #close()}.
     *
     * @throws IOException if freeing fails
     */
    default void abort() throws IOException {
        close();
    }

    /** Finishes the output (trailers, summaries) and frees it; the default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
