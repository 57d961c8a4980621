// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.camera.FrameResult;
import org.fer4j.inference.EmotionPrediction;
import org.fer4j.inference.EvaluationReport;
import org.fer4j.training.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example, on the bundled model and sample faces or on generated data. */
class ExamplesTest {

    @TempDir
    Path tmp;

    @Test
    void classifyImage() throws Exception {
        Path face = SampleFaces.extractTo(tmp).stream()
                .filter(p -> p.getFileName().toString().startsWith("happy"))
                .findFirst()
                .orElseThrow();
        EmotionPrediction p = ClassifyImageExample.run(new String[] {face.toString()});
        assertThat(p.label()).isEqualTo("happy");
    }

    @Test
    void evaluateFolder() throws Exception {
        Path root = tmp.resolve("folder");
        for (Path sample : SampleFaces.extractTo(tmp.resolve("samples"))) {
            String label = sample.getFileName().toString().split("_", 2)[0];
            Path dir = Files.createDirectories(root.resolve(label));
            Files.copy(sample, dir.resolve(sample.getFileName()));
        }
        EvaluationReport report = EvaluateFolderExample.run(new String[] {root.toString()});
        assertThat(report.evaluation().total()).isEqualTo(7);
        assertThat(report.evaluation().accuracy()).isGreaterThanOrEqualTo(3.0 / 7);
    }

    @Test
    void trainFolder() throws Exception {
        Path data = tmp.resolve("data");
        Random random = new Random(4);
        for (String split : List.of("train", "test")) {
            for (String label : List.of("happy", "sad")) {
                Path dir = Files.createDirectories(data.resolve(split).resolve(label));
                for (int i = 0; i < 12; i++) {
                    ImageIO.write(
                            noise(random, label.equals("happy") ? 200 : 40),
                            "png",
                            dir.resolve(i + ".png").toFile());
                }
            }
        }
        TrainingResult r = TrainFolderExample.run(
                new String[] {data.toString(), tmp.resolve("out").toString(), "2"});
        assertThat(r.history()).hasSize(2);
        assertThat(tmp.resolve("out/model.json")).exists();
    }

    @Test
    void cameraLoopOnAFolderOfFaces() throws Exception {
        Path faces = tmp.resolve("faces");
        for (SampleFaces.Sample s : SampleFaces.load()) {
            // The detector needs a face with some margin at a size it looks for.
            BufferedImage canvas = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = canvas.createGraphics();
            g.setColor(java.awt.Color.LIGHT_GRAY);
            g.fillRect(0, 0, 400, 400);
            g.drawImage(s.image(), 110, 110, 180, 180, null);
            g.dispose();
            Files.createDirectories(faces);
            ImageIO.write(
                    canvas,
                    "png",
                    faces.resolve(s.fileName().replace(".jpg", ".png")).toFile());
        }
        List<FrameResult> results = CameraExample.run(new String[] {faces.toString()});
        assertThat(results).hasSize(7);
        assertThat(results.stream().filter(r -> r.faces().size() == 1).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void demoRunsOnTheBundledModelAndSamples() throws Exception {
        DemoCommand demo = new DemoCommand();
        demo.model = new ModelOption();
        demo.output = tmp.resolve("demo");
        DemoCommand.Result r = demo.run();
        assertThat(r.samples()).isEqualTo(7);
        assertThat(r.correct()).isGreaterThanOrEqualTo(3);
        assertThat(r.frames()).isEqualTo(91);
        assertThat(r.framesWithFaces()).isBetween(60L, 70L);
        for (String f : List.of("demo-annotated.mp4", "demo-frames.jsonl", "demo-summary.csv", "demo-timeline.png")) {
            assertThat(tmp.resolve("demo").resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(tmp.resolve("demo/demo-frames.jsonl"))).hasSize(91);
    }

    private static BufferedImage noise(Random random, int level) throws IOException {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, level + random.nextInt(40) - 20)));
            }
        }
        return img;
    }
}
