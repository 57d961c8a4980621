// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole photos through {@code fer detect}, {@code fer predict} and {@code fer evaluate --detect} (issue 12). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PhotoCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A 640x480 photo with the given sample faces drawn at (x, y, size) triples. */
    private static BufferedImage photo(int... placements) throws Exception {
        List<SampleFaces.Sample> samples = SampleFaces.load();
        BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.LIGHT_GRAY);
        g.fillRect(0, 0, 640, 480);
        for (int i = 0; i + 2 < placements.length; i += 3) {
            g.drawImage(
                    samples.get(i / 3).image(),
                    placements[i],
                    placements[i + 1],
                    placements[i + 2],
                    placements[i + 2],
                    null);
        }
        g.dispose();
        return canvas;
    }

    private Path write(BufferedImage image, String name) throws Exception {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", file.toFile());
        return file;
    }

    @Test
    void detectOnAPhotoWritesOneEntryPerFaceAsTheAnalyzerFindsThem() throws Exception {
        Path photo = write(photo(40, 120, 140, 300, 80, 260), "group.jpg");
        Path jsonl = tmp.resolve("group.jsonl");
        Object[] r = FerAppTest.run("detect", "--input", photo.toString(), "--no-display", "--json", jsonl.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(1);
        JsonNode faces = JSON.readTree(lines.get(0)).get("faces");
        assertThat(faces).hasSize(2);
        List<AnalyzedFace> analyzed;
        // fer detect classifies single-pass (the bundled model's ten-crop would not keep up with video).
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                        ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE));
                FaceAnalyzer analyzer =
                        FaceAnalyzer.builder().setClassifier(fer).build()) {
            analyzed = analyzer.analyze(photo);
        }
        // The camera lists faces left to right; here that is the small one, then the large one (largest first
        // in the analyzer).
        for (int i = 0; i < 2; i++) {
            JsonNode f = faces.get(i);
            AnalyzedFace a = analyzed.get(1 - i);
            assertThat(f.at("/box/x").asInt()).isEqualTo(a.box().x());
            assertThat(f.at("/box/width").asInt()).isEqualTo(a.box().width());
            assertThat(f.get("emotion").asText()).isEqualTo(a.prediction().label());
            assertThat(f.get("probability").asDouble()).isCloseTo(a.prediction().probability(), within(1e-6));
            assertThat(f.get("score").asDouble()).isCloseTo(a.detection().score(), within(1e-3));
            assertThat(f.at("/landmarks/noseTip/x").asDouble())
                    .isCloseTo(a.detection().landmarks().orElseThrow().noseTip().getX(), within(0.06));
        }

        Object[] haar = FerAppTest.run(
                "detect",
                "--input",
                photo.toString(),
                "--no-display",
                "--detector",
                "HAAR",
                "--json",
                tmp.resolve("haar.jsonl").toString());
        assertThat(haar[0]).as("stderr: %s", haar[2]).isEqualTo(0);
        JsonNode haarFace = JSON.readTree(
                        Files.readAllLines(tmp.resolve("haar.jsonl")).get(0))
                .get("faces")
                .get(0);
        assertThat(haarFace.has("landmarks")).isFalse();
        Object[] unknown = FerAppTest.run("detect", "--input", photo.toString(), "--no-display", "--detector", "dlib");
        assertThat(unknown[0]).isEqualTo(2);
        assertThat((String) unknown[2]).contains("yunet or haar");
    }

    @Test
    void predictWarnsWhenAnImageIsNotATightCropAndDetectClassifiesEachFace() throws Exception {
        Path crop = SampleFaces.extractTo(tmp.resolve("crops")).get(3);
        Path group = write(photo(40, 120, 140, 300, 80, 260), "group.png");
        Path small = write(photo(250, 180, 120), "small.png");
        Path empty = write(photo(), "empty.png");

        Object[] r = FerAppTest.run("predict", crop.toString(), group.toString(), small.toString(), empty.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        assertThat(((String) r[1]).strip().split("\n")).hasSize(4);
        String err = (String) r[2];
        assertThat(err).doesNotContain(crop.toString());
        assertThat(err).contains(group + ": the detector found 2 faces; classified the whole image as one face");
        assertThat(err).contains(small + ": not a tight face crop (a ", " face in a 640x480 image)");
        assertThat(err).contains(empty + ": the detector found no face");
        assertThat(err).contains("use --detect");

        Object[] detect = FerAppTest.run("predict", "--detect", "--json", group.toString(), empty.toString());
        assertThat(detect[0]).as("stderr: %s", detect[2]).isEqualTo(0);
        String[] lines = ((String) detect[1]).strip().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines[0]);
        JsonNode second = JSON.readTree(lines[1]);
        assertThat(first.get("path").asText()).isEqualTo(group.toString());
        assertThat(first.get("face").asInt()).isEqualTo(1);
        assertThat(second.get("face").asInt()).isEqualTo(2);
        assertThat(first.at("/box/width").asInt())
                .as("largest first")
                .isGreaterThan(second.at("/box/width").asInt());
        assertThat(first.get("probabilities")).hasSize(7);
        assertThat((String) detect[2]).contains(empty + ": no face found");
    }

    @Test
    void evaluateDetectCountsPhotosWithoutAFaceAndWithSeveral() throws Exception {
        Path data = tmp.resolve("photos");
        write(photo(200, 100, 240), "photos/neutral/one.png");
        write(photo(40, 120, 140, 300, 80, 260), "photos/happy/two.png");
        write(photo(), "photos/happy/none.png");
        Path report = tmp.resolve("report");
        Object[] r =
                FerAppTest.run("evaluate", "--detect", "--data", data.toString(), "--report-dir", report.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        String out = (String) r[1];
        assertThat(out)
                .contains("3 photos, 2 classified, 1 without a face (left out of the metrics), 1 with several faces");
        assertThat(out).contains("no face found: " + data.resolve("happy/none.png"));
        assertThat(out).contains("several faces, largest used: " + data.resolve("happy/two.png"));
        // Progress goes to stderr, as plain lines when it is not a terminal.
        assertThat((String) r[2])
                .contains("finding and classifying faces: 3/3 (100%)")
                .doesNotContain("\r");
        JsonNode json = JSON.readTree(report.resolve("evaluation.json").toFile());
        assertThat(json.get("images").asInt()).isEqualTo(2);
        assertThat(json.get("noFace").asInt()).isEqualTo(1);
        assertThat(json.get("severalFaces").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        json.get("noFacePhotos").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactly(data.resolve("happy/none.png").toString());
        // Calibration figures on the console and in the JSON; one line per classified photo in predictions.csv.
        assertThat(out)
                .containsPattern(
                        "expected calibration error \\(15 bins\\): \\d\\.\\d{4}, negative log-likelihood: \\d+\\.\\d{4}");
        assertThat(json.get("expectedCalibrationError").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("negativeLogLikelihood").asDouble()).isPositive();
        assertThat(json.get("data").asText())
                .isEqualTo(data.toAbsolutePath().normalize().toString());
        List<String> csv = Files.readAllLines(report.resolve("predictions.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith(data.resolve("happy/two.png") + ",happy,");
        assertThat(csv.get(2)).startsWith(data.resolve("neutral/one.png") + ",neutral,");
        assertThat(report.resolve("reliability_diagram.png")).isRegularFile();
        assertThat(report.resolve("confident_mistakes.png")).isRegularFile();
    }
}
