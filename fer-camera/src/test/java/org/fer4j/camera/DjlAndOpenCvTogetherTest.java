// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.djl.engine.Engine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.fer4j.camera.internal.HaarFaceDetector;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.GreyImage;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's PyTorch natives and bytedeco's OpenCV natives loaded and used in one JVM, in both orders, and a
 * face cut by the camera preprocessed exactly like the same face passed to EmotionClassifier.predict.
 */
class DjlAndOpenCvTogetherTest {

    @Test
    void detectAndClassifyInTheSameJvm(@TempDir Path dir) throws Exception {
        try (HaarFaceDetector detector = HaarFaceDetector.create();
                Mat frame = new Mat(480, 640, CV_8UC3, new Scalar(200, 200, 200, 0));
                Mat face = Mats.fromImage(Fixtures.faces().get(0));
                Mat scaled = new Mat();
                Size size = new Size(200, 200);
                Rect at = new Rect(100, 100, 200, 200);
                Mat roi = frame.apply(at)) {
            resize(face, scaled, size, 0, 0, INTER_CUBIC);
            scaled.copyTo(roi);
            List<FaceBox> before = HaarFaceDetectorTest.boxes(detector.detect(frame));
            assertThat(before).hasSize(1);

            try (EmotionClassifier classifier = EmotionClassifier.load(Fixtures.model(dir))) {
                assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
                FaceBox box = before.get(0).expand(0.05, frame.cols(), frame.rows());
                GreyImage cameraCrop = Mats.grey(frame, box);
                BufferedImage crop;
                try (Rect r = new Rect(box.x(), box.y(), box.width(), box.height());
                        Mat cut = frame.apply(r)) {
                    crop = Mats.toImage(cut);
                }
                // The colour frame's region becomes the same grey, and the same input, as the cut-out image.
                assertThat(cameraCrop).isEqualTo(GreyImage.of(crop));
                assertThat(classifier.info().preprocessing().toInput(cameraCrop))
                        .containsExactly(classifier.info().preprocessing().toInput(crop));
                EmotionPrediction viaCamera =
                        classifier.predictGrey(List.of(cameraCrop)).get(0);
                assertThat(viaCamera).isEqualTo(classifier.predict(crop));
            }
            // OpenCV still works after PyTorch has loaded its own natives (OpenMP, BLAS).
            assertThat(HaarFaceDetectorTest.boxes(detector.detect(frame))).isEqualTo(before);
        }
    }
}
