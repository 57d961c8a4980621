// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.awt.image.BufferedImage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;

/**
 * The pixels of the frame being delivered to an {@link EmotionCamera} listener or {@link FrameSink}: the frame as
 * read, and the same frame annotated with boxes, labels, probabilities and the frame rate.
 *
 * <p>It is only valid during the call that receives it: the camera reuses its native buffers for the
 * next frame, and any method called later throws {@link IllegalStateException}. The Mats it returns are
 * borrowed (do not close or keep them; {@code clone()} one to keep it); the BufferedImages are new
 * copies that the caller owns and may pass to other threads, for example a Swing window.
 */
public final class CapturedFrame {

    private final Mat mat;
    private final Mat annotated;
    private final FrameResult result;
    private final double fps;
    private boolean drawn;
    private volatile boolean valid = true;

    CapturedFrame(Mat mat, Mat annotatedBuffer, FrameResult result, double fps) {
        this.mat = mat;
        this.annotated = annotatedBuffer;
        this.result = result;
        this.fps = fps;
    }

    /**
     * Returns the frame as read (8-bit BGR for cameras and videos), borrowed for the duration of the call.
     *
     * @return the frame, valid only during the call
     */
    public Mat mat() {
        check();
        return mat;
    }

    /**
     * Returns the annotated frame (8-bit BGR), drawn on first use and borrowed for the duration of the call.
     *
     * @return the annotated frame, valid only during the call
     */
    public Mat annotatedMat() {
        check();
        if (!drawn) {
            if (mat.channels() == 1) {
                cvtColor(mat, annotated, COLOR_GRAY2BGR);
            } else if (mat.channels() == 4) {
                cvtColor(mat, annotated, COLOR_BGRA2BGR);
            } else {
                mat.copyTo(annotated);
            }
            Annotator.draw(annotated, result.faces(), fps);
            drawn = true;
        }
        return annotated;
    }

    /**
     * Returns a new copy of the frame as read.
     *
     * @return a copy of the frame
     */
    public BufferedImage image() {
        return Mats.toImage(mat());
    }

    /**
     * Returns a new copy of the annotated frame, safe to keep and to hand to another thread.
     *
     * @return a copy of the annotated frame
     */
    public BufferedImage annotatedImage() {
        return Mats.toImage(annotatedMat());
    }

    /**
     * Returns the camera's recent processing rate in frames per second (0 until it is known).
     *
     * @return the frame rate, or 0
     */
    public double fps() {
        return fps;
    }

    /** Ends this frame's validity; called by the camera once every listener and sink has seen it. */
    void invalidate() {
        valid = false;
    }

    private void check() {
        if (!valid) {
            throw new IllegalStateException("A CapturedFrame is only valid during the call that receives it;"
                    + " copy it with annotatedImage() or mat().clone() to keep it");
        }
    }
}
