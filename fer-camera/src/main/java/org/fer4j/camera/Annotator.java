// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.getTextSize;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Draws face boxes, landmarks, labels, probabilities and the frame rate onto a BGR frame. */
final class Annotator {

    private Annotator() {}

    /** Draws onto {@code bgr} (8-bit, 3 channels) in place. */
    static void draw(Mat bgr, List<TrackedFace> faces, double fps) {
        double fontScale = Math.max(0.45, bgr.cols() / 1280.0);
        int thickness = Math.max(1, (int) Math.round(bgr.cols() / 480.0));
        for (TrackedFace face : faces) {
            FaceBox b = face.box();
            double[] colour = colour(face.prediction().label());
            String text = String.format(
                    Locale.ROOT,
                    "%s %.0f%% #%d",
                    face.prediction().label(),
                    100 * face.prediction().probability(),
                    face.track());
            try (Scalar c = new Scalar(colour[0], colour[1], colour[2], 0);
                    Scalar ink = new Scalar(0, 0, 0, 0);
                    Point tl = new Point(b.x(), b.y());
                    Point br = new Point(b.x() + b.width() - 1, b.y() + b.height() - 1)) {
                rectangle(bgr, tl, br, c, thickness + 1, LINE_AA, 0);
                if (face.detection().landmarks().isPresent()) {
                    int radius = Math.max(2, b.width() / 40);
                    for (ai.djl.modality.cv.output.Point p :
                            face.detection().landmarks().get().points()) {
                        try (Point centre = new Point((int) Math.round(p.getX()), (int) Math.round(p.getY()))) {
                            circle(bgr, centre, radius, c, FILLED, LINE_AA, 0);
                        }
                    }
                }
                int[] baseline = new int[1];
                try (Size ts = getTextSize(text, FONT_HERSHEY_SIMPLEX, fontScale, thickness, baseline)) {
                    // The label sits above the box, or inside its top when the box touches the frame's top.
                    int above = b.y() - ts.height() - baseline[0] - 4;
                    int top = above >= 0 ? above : b.y();
                    try (Point bgTl = new Point(b.x(), top);
                            Point bgBr = new Point(b.x() + ts.width() + 4, top + ts.height() + baseline[0] + 4);
                            Point org = new Point(b.x() + 2, top + ts.height() + 2)) {
                        rectangle(bgr, bgTl, bgBr, c, FILLED, LINE_AA, 0);
                        putText(bgr, text, org, FONT_HERSHEY_SIMPLEX, fontScale, ink, thickness, LINE_AA, false);
                    }
                }
            }
        }
        if (fps > 0) {
            String text = String.format(Locale.ROOT, "%.1f FPS", fps);
            int y = (int) Math.round(30 * fontScale / 0.6);
            try (Point org = new Point(10, y);
                    Scalar shadow = new Scalar(0, 0, 0, 0);
                    Scalar white = new Scalar(255, 255, 255, 0)) {
                putText(bgr, text, org, FONT_HERSHEY_SIMPLEX, fontScale, shadow, thickness + 2, LINE_AA, false);
                putText(bgr, text, org, FONT_HERSHEY_SIMPLEX, fontScale, white, thickness, LINE_AA, false);
            }
        }
    }

    /** Returns a BGR colour per label: fixed for the seven emotions, derived from the name otherwise. */
    static double[] colour(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "angry" -> new double[] {40, 40, 230};
            case "disgust" -> new double[] {40, 160, 40};
            case "fear" -> new double[] {180, 60, 150};
            case "happy" -> new double[] {0, 215, 255};
            case "neutral" -> new double[] {200, 200, 200};
            case "sad" -> new double[] {220, 130, 30};
            case "surprise" -> new double[] {0, 140, 255};
            default -> {
                int h = label.hashCode();
                yield new double[] {80 + (h & 0x7F), 80 + ((h >> 8) & 0x7F), 80 + ((h >> 16) & 0x7F)};
            }
        };
    }
}
