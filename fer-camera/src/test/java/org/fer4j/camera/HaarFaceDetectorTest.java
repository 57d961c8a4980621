// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fer4j.camera.internal.HaarFaceDetector;
import org.fer4j.camera.internal.Mats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HaarFaceDetectorTest {

    private static HaarFaceDetector detector;

    @BeforeAll
    static void load() throws IOException {
        detector = HaarFaceDetector.create();
    }

    @AfterAll
    static void free() {
        detector.close();
    }

    /** A 640x480 light grey frame with {@code face} drawn at (x, y) as a square of {@code size}. */
    private static Mat frameWith(BufferedImage face, int x, int y, int size) {
        Mat frame = new Mat(480, 640, CV_8UC3, new Scalar(200, 200, 200, 0));
        if (face != null) {
            try (Mat src = Mats.fromImage(face);
                    Mat scaled = new Mat();
                    Size s = new Size(size, size);
                    Rect r = new Rect(x, y, size, size);
                    Mat roi = frame.apply(r)) {
                resize(src, scaled, s, 0, 0, INTER_CUBIC);
                scaled.copyTo(roi);
            }
        }
        return frame;
    }

    static List<FaceBox> boxes(List<FaceDetection> faces) {
        return faces.stream().map(FaceDetection::box).toList();
    }

    @Test
    void reportsBoxesWithoutScoreOrLandmarks() {
        try (Mat frame = frameWith(Fixtures.faces().get(0), 220, 140, 180)) {
            assertThat(detector.detect(frame)).singleElement().satisfies(f -> {
                assertThat(f.score()).isEqualTo(1.0);
                assertThat(f.landmarks()).isEmpty();
            });
        }
    }

    @Test
    void findsEachTestFaceWhereItWasDrawn() {
        FaceBox drawn = new FaceBox(220, 140, 180, 180);
        List<BufferedImage> faces = Fixtures.faces();
        for (int i = 0; i < faces.size(); i++) {
            try (Mat frame = frameWith(faces.get(i), drawn.x(), drawn.y(), drawn.width())) {
                List<FaceBox> found = boxes(detector.detect(frame));
                assertThat(found).as(Fixtures.FACE_FILES.get(i)).hasSize(1);
                assertThat(found.get(0).iou(drawn))
                        .as(Fixtures.FACE_FILES.get(i))
                        .isGreaterThan(0.6);
            }
        }
    }

    @Test
    void looksAgainNearKnownFacesOnlyAndFindsThemThere() {
        List<BufferedImage> faces = Fixtures.faces();
        try (Mat frame = frameWith(faces.get(0), 30, 20, 170);
                Mat second = frameWith(faces.get(1), 360, 30, 170);
                Rect right = new Rect(320, 0, 320, 480);
                Mat src = second.apply(right);
                Mat dst = frame.apply(right)) {
            src.copyTo(dst);
            List<FaceBox> full = boxes(detector.detect(frame));
            assertThat(full).hasSize(2);
            List<FaceBox> near = boxes(detector.detectNear(frame, full).orElseThrow());
            assertThat(near).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(near.get(i).iou(full.get(i))).isGreaterThan(0.7);
            }
            // Only around the faces it is given: the right-hand face is not looked for.
            assertThat(boxes(detector.detectNear(frame, full.subList(0, 1)).orElseThrow()))
                    .singleElement()
                    .satisfies(b -> assertThat(b.iou(full.get(0))).isGreaterThan(0.7));
        }
    }

    @Test
    void findsNothingInABlankFrame() {
        try (Mat frame = frameWith(null, 0, 0, 0)) {
            assertThat(detector.detect(frame)).isEmpty();
        }
    }

    @Test
    void acceptsGreyFramesAndFullSizeDetectionWithSimilarBoxes() throws IOException {
        FaceBox drawn = new FaceBox(100, 60, 200, 200);
        // A minimum face of 24 pixels, the cascade's window, makes it scan the frame at full size.
        try (Mat frame = frameWith(Fixtures.faces().get(0), drawn.x(), drawn.y(), drawn.width());
                Mat grey = new Mat();
                HaarFaceDetector fullSize =
                        HaarFaceDetector.builder().optMinFaceSize(24).build()) {
            cvtColor(frame, grey, COLOR_BGR2GRAY);
            List<FaceBox> scaled = boxes(detector.detect(grey));
            List<FaceBox> full = boxes(fullSize.detect(frame));
            assertThat(scaled).hasSize(1);
            assertThat(full).hasSize(1);
            // Detection on the downscaled frame maps back to the same place, give or take the scale steps.
            assertThat(scaled.get(0).iou(full.get(0))).isGreaterThan(0.7);
        }
    }

    @Test
    void minFaceSizeLeavesOutSmallerFaces() throws IOException {
        try (Mat frame = frameWith(Fixtures.faces().get(0), 220, 140, 180);
                HaarFaceDetector bigOnly =
                        HaarFaceDetector.builder().optMinFaceSize(300).build()) {
            assertThat(bigOnly.detect(frame)).isEmpty();
        }
    }

    @Test
    void badOptionsAndCascadesFailWithClearMessages(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> HaarFaceDetector.builder().optScaleFactor(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scaleFactor");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optMinFaceSize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minFaceSize");
        Path missing = dir.resolve("missing.xml");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optCascade(missing).build())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
        Path junk = Files.writeString(dir.resolve("junk.xml"), "<opencv_storage></opencv_storage>");
        assertThatThrownBy(() -> HaarFaceDetector.builder().optCascade(junk).build())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("junk.xml");
    }

    @Test
    void closedDetectorRefusesWork() throws IOException {
        HaarFaceDetector d = HaarFaceDetector.create();
        d.close();
        d.close(); // idempotent
        try (Mat frame = frameWith(null, 0, 0, 0)) {
            assertThatThrownBy(() -> d.detect(frame)).isInstanceOf(IllegalStateException.class);
        }
    }
}
