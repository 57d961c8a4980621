// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import ai.djl.modality.cv.BufferedImageFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.fer4j.camera.internal.HaarFaceDetector;
import org.fer4j.camera.internal.Mats;
import org.fer4j.camera.internal.PhotoEvaluation;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceAnalyzerTest {

    @TempDir
    static Path shared;

    private static EmotionClassifier classifier;
    private static FaceAnalyzer analyzer;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        classifier = EmotionClassifier.load(
                Fixtures.model(shared.resolve("model")),
                ClassifierOptions.defaults().withMaxConcurrency(1));
        analyzer = FaceAnalyzer.builder().setClassifier(classifier).build();
    }

    @AfterAll
    static void free() {
        analyzer.close();
        classifier.close();
    }

    /** An 800x600 photo showing the given faces (light grey elsewhere). */
    static BufferedImage photo(SyntheticVideo.Placement... faces) {
        try (Mat frame = new Mat(600, 800, CV_8UC3, new Scalar(200, 200, 200, 0));
                Mat scaled = new Mat()) {
            for (SyntheticVideo.Placement p : faces) {
                try (Mat face = Mats.fromImage(p.face())) {
                    SyntheticVideo.draw(frame, p, face, scaled);
                }
            }
            return Mats.toImage(frame);
        }
    }

    /** A photo with a small face on the left and a large, turned one on the right. */
    static BufferedImage twoFaces() {
        List<BufferedImage> faces = Fixtures.faces();
        return photo(
                new SyntheticVideo.Placement(faces.get(1), 60, 200, 150),
                new SyntheticVideo.Placement(faces.get(2), 360, 120, 320, 15));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void findsEveryFaceLargestFirstWithLandmarksScoresAndProbabilities() {
        List<AnalyzedFace> faces = analyzer.analyze(twoFaces());
        assertThat(faces).hasSize(2);
        assertThat(faces.get(0).box().area()).isGreaterThan(faces.get(1).box().area());
        assertThat(faces.get(0).box().iou(new FaceBox(360, 120, 320, 320))).isGreaterThan(0.4);
        assertThat(faces.get(1).box().iou(new FaceBox(60, 200, 150, 150))).isGreaterThan(0.5);
        for (AnalyzedFace f : faces) {
            assertThat(f.detection().landmarks()).isPresent();
            assertThat(f.detection().score()).isBetween(0.6, 1.0);
            float sum = 0;
            for (float p : f.prediction().probabilities()) {
                sum += p;
            }
            assertThat(sum).isCloseTo(1f, within(1e-4f));
        }
        assertThatThrownBy(() -> faces.add(faces.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyKindOfInputGivesTheSameFaces() throws IOException {
        BufferedImage photo = twoFaces();
        List<AnalyzedFace> fromImage = analyzer.analyze(photo);
        byte[] png = png(photo);
        Path file = Files.write(dir.resolve("photo.png"), png);
        assertThat(analyzer.analyze(png)).isEqualTo(fromImage);
        assertThat(analyzer.analyze(file)).isEqualTo(fromImage);
        assertThat(analyzer.analyze(BufferedImageFactory.getInstance().fromImage(photo)))
                .isEqualTo(fromImage);
    }

    @Test
    void givesWhatTheCameraGivesForTheSamePhotoFile() throws Exception {
        Path file = dir.resolve("photo.jpg");
        ImageIO.write(twoFaces(), "jpg", file.toFile());
        List<AnalyzedFace> analyzed = analyzer.analyze(file);
        List<TrackedFace> seen = new ArrayList<>();
        try (EmotionCamera camera = EmotionCamera.builder()
                .setSource(VideoSource.image(file))
                .setClassifier(classifier)
                .build()) {
            camera.run((result, frame) -> seen.addAll(result.faces()));
        }
        // The camera lists faces left to right, the analyzer largest first: compare in one order.
        seen.sort(Comparator.comparingLong((TrackedFace f) -> f.box().area()).reversed());
        assertThat(seen).hasSameSizeAs(analyzed);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i).detection()).isEqualTo(analyzed.get(i).detection());
            assertThat(seen.get(i).prediction()).isEqualTo(analyzed.get(i).prediction());
        }
    }

    @Test
    void aPhotoWithoutAFaceGivesAnEmptyList() {
        assertThat(analyzer.analyze(photo())).isEmpty();
    }

    @Test
    void withTheHaarDetectorFacesHaveNoLandmarksAndTheCallerKeepsTheDetector() throws IOException {
        BufferedImage photo =
                photo(new SyntheticVideo.Placement(Fixtures.faces().get(0), 300, 150, 200));
        try (HaarFaceDetector haar = HaarFaceDetector.create()) {
            try (FaceAnalyzer withHaar = FaceAnalyzer.builder()
                    .setClassifier(classifier)
                    .optDetector(haar)
                    .build()) {
                assertThat(withHaar.analyze(photo)).singleElement().satisfies(f -> {
                    assertThat(f.detection().landmarks()).isEmpty();
                    assertThat(f.detection().score()).isEqualTo(1.0);
                });
            }
            try (Mat frame = Mats.fromImage(photo)) {
                assertThat(haar.detect(frame))
                        .as("still open after the analyzer closed")
                        .hasSize(1);
            }
        }
    }

    @Test
    void theMarginChangesTheCrop() throws IOException {
        BufferedImage photo =
                photo(new SyntheticVideo.Placement(Fixtures.faces().get(0), 300, 150, 200));
        try (FaceAnalyzer wide = FaceAnalyzer.builder()
                .setClassifier(classifier)
                .optFaceMargin(0.3)
                .build()) {
            assertThat(wide.analyze(photo).get(0).prediction())
                    .isNotEqualTo(analyzer.analyze(photo).get(0).prediction());
        }
    }

    @Test
    void badInputsAndMisuseFailClearly() throws IOException {
        Path missing = dir.resolve("missing.jpg");
        assertThatThrownBy(() -> analyzer.analyze(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.jpg");
        Path junk = Files.writeString(dir.resolve("junk.jpg"), "not an image");
        assertThatThrownBy(() -> analyzer.analyze(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.jpg");
        assertThatThrownBy(() -> analyzer.analyze(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> analyzer.analyze((BufferedImage) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FaceAnalyzer.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classifier");
        assertThatThrownBy(() -> FaceAnalyzer.builder().optFaceMargin(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("margin");
        assertThatThrownBy(() -> FaceAnalyzer.builder().optFaceMargin(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        FaceAnalyzer closed = FaceAnalyzer.builder().setClassifier(classifier).build();
        closed.close();
        closed.close(); // idempotent
        assertThatThrownBy(() -> closed.analyze(photo())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evaluatesAFolderOfPhotosCountingThoseWithoutAFaceOrWithSeveral() throws Exception {
        List<BufferedImage> faces = Fixtures.faces();
        Path happy = Files.createDirectories(dir.resolve("photos/test/happy"));
        Path sad = Files.createDirectories(dir.resolve("photos/test/sad"));
        ImageIO.write(
                photo(new SyntheticVideo.Placement(faces.get(0), 300, 150, 200)),
                "png",
                happy.resolve("one.png").toFile());
        ImageIO.write(twoFaces(), "png", happy.resolve("two.png").toFile());
        ImageIO.write(photo(), "png", happy.resolve("none.png").toFile());
        ImageIO.write(
                photo(new SyntheticVideo.Placement(faces.get(4), 250, 100, 260)),
                "png",
                sad.resolve("one.png").toFile());
        Files.writeString(sad.resolve("broken.jpg"), "not an image");

        PhotoEvaluation e = PhotoEvaluation.evaluate(analyzer, dir.resolve("photos"));
        assertThat(e.photos()).isEqualTo(4);
        assertThat(e.noFace()).containsExactly(happy.resolve("none.png"));
        assertThat(e.severalFaces()).containsExactly(happy.resolve("two.png"));
        assertThat(e.report().evaluation().total()).isEqualTo(3);
        assertThat(e.report().skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.path()).isEqualTo(sad.resolve("broken.jpg")));
        long correct = Math.round(e.report().evaluation().accuracy() * 3);
        assertThat(e.accuracyOverPhotos()).isCloseTo(correct / 4.0, within(1e-12));
        // The photo with two faces is scored on its largest face.
        List<AnalyzedFace> two = analyzer.analyze(happy.resolve("two.png"));
        assertThat(two.get(0).box().area()).isGreaterThan(two.get(1).box().area());

        Path out = dir.resolve("report");
        e.write(out);
        JsonNode json =
                new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        assertThat(json.get("images").asInt()).isEqualTo(3);
        assertThat(json.get("photos").asInt()).isEqualTo(4);
        assertThat(json.get("noFace").asInt()).isEqualTo(1);
        assertThat(json.get("severalFaces").asInt()).isEqualTo(1);
        assertThat(json.get("noFacePhotos").get(0).asText()).endsWith("none.png");
        assertThat(json.get("severalFacesPhotos").get(0).asText()).endsWith("two.png");
        assertThat(Files.readString(out.resolve("classification_report.txt")))
                .contains("photos: 4", "noFace: 1", "severalFaces: 1", "accuracyOverPhotos: ");

        Path blank = Files.createDirectories(dir.resolve("blank/happy"));
        ImageIO.write(photo(), "png", blank.resolve("none.png").toFile());
        assertThatThrownBy(() -> PhotoEvaluation.evaluate(analyzer, dir.resolve("blank")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No face was found in any of the 1 photos");
    }
}
