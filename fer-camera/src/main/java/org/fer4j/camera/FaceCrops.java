// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import ai.djl.modality.cv.output.Point;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.GreyImage;
import org.fer4j.core.Preprocessing;

/**
 * Cuts a detected face out of a frame for the classifier, framed like a FER-2013 crop. With
 * landmarks, the face is turned upright (the eye line made level) and scaled and placed so that its five
 * landmarks fall where they sit in an average FER-2013 face, by one affine warp; without (Haar), the box
 * grown by a margin is cut out as it is. Both {@link EmotionCamera} and {@link FaceAnalyzer} crop here,
 * so a photo gives the same predictions through either.
 */
final class FaceCrops {

    /**
     * Where YuNet puts the five landmarks (right eye, left eye, nose tip, right and left mouth corner) of
     * FER-2013 faces, as fractions of the 48x48 crop's side: the mean over the 689 of 700 training-split
     * faces (100 per class, drawn with a fixed seed, upscaled 4x onto a grey 640x480 frame) in which it
     * found a face, with the detector's second look at tilted faces as at run time. Measured, not
     * idealised (the slight lean is YuNet's or FER-2013's), so a face YuNet finds elsewhere is framed as
     * YuNet saw the training faces. See {@code CropMarginMeasurement}.
     */
    static final double[][] FER_LANDMARKS = {
        {0.3096, 0.3693}, {0.6855, 0.3751}, {0.4852, 0.5845}, {0.3376, 0.7544}, {0.6501, 0.7580},
    };

    /**
     * Margin around the FER-2013 framing for faces with landmarks, as a fraction of the crop's side per
     * side: chosen by classification accuracy on FER-2013 test faces placed in frames (docs/benchmarks.md).
     */
    static final double ALIGNED_MARGIN = -0.05;

    /** Margin around a box without landmarks (Haar boxes are a little tighter than FER-2013 crops). */
    static final double BOX_MARGIN = 0.05;

    /**
     * Largest side of the aligned crop before {@link Preprocessing} shrinks it to 48x48 by area averaging.
     * The warp itself samples bilinearly, which skips pixels when it shrinks by more than 2, so it keeps
     * faces at their own size up to this side (only faces over twice as large alias a little).
     */
    private static final int MAX_SIDE = 1024;

    private FaceCrops() {}

    /**
     * Returns the grey crop of {@code face} of an 8-bit grey, BGR or BGRA frame.
     *
     * @param margin the margin per side as a fraction of the face's size, or NaN for the default of the
     *     face's kind ({@link #ALIGNED_MARGIN} with landmarks, {@link #BOX_MARGIN} without)
     */
    static GreyImage crop(Mat frame, FaceDetection face, double margin) {
        if (face.landmarks().isPresent()) {
            GreyImage crop = aligned(frame, face.landmarks().get(), Double.isNaN(margin) ? ALIGNED_MARGIN : margin);
            if (crop != null) {
                return crop;
            }
        }
        return boxCrop(frame, face.box(), Double.isNaN(margin) ? BOX_MARGIN : margin);
    }

    /** Returns an unaligned crop: the box grown by {@code margin}, as cut for Haar faces. */
    static GreyImage boxCrop(Mat frame, FaceBox box, double margin) {
        return Mats.grey(frame, box.expand(margin, frame.cols(), frame.rows()));
    }

    /**
     * The square a face is cut out along, in frame pixels: its centre, side (margin included) and the
     * angle it is turned by (the face's roll, in radians).
     */
    record Square(double centreX, double centreY, double side, double angle) {}

    /**
     * Returns the square that frames a face like a FER-2013 crop: the rotation is the eye line's (the eyes
     * are the steadiest landmarks), the scale and position are the least-squares fit of all five points,
     * once rotated, to {@link #FER_LANDMARKS}, so one wide smile or open mouth moves the crop little. The
     * side grows by {@code margin} times itself on each side. Returns null for degenerate landmarks.
     */
    static Square alignedSquare(FaceLandmarks landmarks, double margin) {
        Point[] p = landmarks.points();
        double angle = Math.toRadians(landmarks.rollDegrees());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // Landmarks rotated by -angle (eyes level), and the template, both centred on their means.
        double[] rx = new double[5];
        double[] ry = new double[5];
        double mx = 0;
        double my = 0;
        double tu = 0;
        double tv = 0;
        for (int k = 0; k < 5; k++) {
            rx[k] = cos * p[k].getX() + sin * p[k].getY();
            ry[k] = -sin * p[k].getX() + cos * p[k].getY();
            mx += rx[k] / 5;
            my += ry[k] / 5;
            tu += FER_LANDMARKS[k][0] / 5;
            tv += FER_LANDMARKS[k][1] / 5;
        }
        double num = 0;
        double den = 0;
        for (int k = 0; k < 5; k++) {
            num += (rx[k] - mx) * (FER_LANDMARKS[k][0] - tu) + (ry[k] - my) * (FER_LANDMARKS[k][1] - tv);
            den += (rx[k] - mx) * (rx[k] - mx) + (ry[k] - my) * (ry[k] - my);
        }
        // a: crop sides per frame pixel, so u = a * x' + (tu - a * mx) maps rotated frame points to crop units.
        double a = den > 1e-9 && num > 1e-9 ? num / den : 0;
        if (a <= 0) {
            return null;
        }
        // The crop's centre (0.5, 0.5) in rotated frame coordinates, turned back into the frame.
        double cxr = mx + (0.5 - tu) / a;
        double cyr = my + (0.5 - tv) / a;
        return new Square(cos * cxr - sin * cyr, sin * cxr + cos * cyr, (1 + 2 * margin) / a, angle);
    }

    /**
     * Returns the face's aligned crop ({@link #alignedSquare}), cut by one affine warp, or null when the
     * landmarks cannot be fitted or lie outside the frame.
     */
    static GreyImage aligned(Mat frame, FaceLandmarks landmarks, double margin) {
        Square q = alignedSquare(landmarks, margin);
        if (q == null) {
            return null;
        }
        double cos = Math.cos(q.angle());
        double sin = Math.sin(q.angle());
        int n = (int) Math.max(Preprocessing.SIZE, Math.min(MAX_SIDE, Math.round(q.side())));
        double k = n / q.side();
        // Output pixel o = k * R(-angle) * (f - centre) + c0 for frame point f, c0 = (n - 1) / 2 the middle
        // of the output's pixel centres. Only the frame region
        // under the square is converted to grey: its bounding box, from the square's corners.
        double extent = q.side() / 2 * (Math.abs(cos) + Math.abs(sin));
        int left = (int) Math.max(0, Math.floor(q.centreX() - extent) - 2);
        int top = (int) Math.max(0, Math.floor(q.centreY() - extent) - 2);
        int right = (int) Math.min(frame.cols(), Math.ceil(q.centreX() + extent) + 2);
        int bottom = (int) Math.min(frame.rows(), Math.ceil(q.centreY() + extent) + 2);
        if (right - left < 2 || bottom - top < 2) {
            return null;
        }
        FaceBox region = new FaceBox(left, top, right - left, bottom - top);
        float[] grey = Mats.grey(frame, region).levels();
        float[] out = new float[n * n];
        try (Mat src = new Mat(region.height(), region.width(), CV_32F);
                Mat dst = new Mat();
                Mat m = new Mat(2, 3, CV_64F);
                Size size = new Size(n, n);
                Scalar border = new Scalar(0)) {
            new FloatPointer(src.data()).put(grey);
            // With f = region point + (left, top): o = k * R(-angle) * region point + the translation below.
            double c0 = (n - 1) / 2.0;
            double dx = left - q.centreX();
            double dy = top - q.centreY();
            try (DoubleIndexer mi = m.createIndexer()) {
                mi.put(0, 0, k * cos);
                mi.put(0, 1, k * sin);
                mi.put(0, 2, c0 + k * (cos * dx + sin * dy));
                mi.put(1, 0, -k * sin);
                mi.put(1, 1, k * cos);
                mi.put(1, 2, c0 + k * (-sin * dx + cos * dy));
            }
            // Edge pixels are repeated where the crop reaches past the frame, rather than black corners the
            // classifier never saw in training.
            warpAffine(src, dst, m, size, INTER_LINEAR, BORDER_REPLICATE, border);
            new FloatPointer(dst.data()).get(out);
        }
        return GreyImage.of(out, n, n);
    }
}
