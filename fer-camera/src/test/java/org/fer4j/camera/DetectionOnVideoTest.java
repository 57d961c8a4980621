// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the default detector and the bundled model through the camera path (issue 12): a video of
 * 30 bundled FER-2013 test faces (src/test/resources/video-faces), two per scene at 96 to 220 pixels,
 * a third of them turned by 12 to 30 degrees, with blank frames between the scenes. Every face is known,
 * so recall, false faces and emotion accuracy are counted, printed and checked.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DetectionOnVideoTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int SCENES = 30;
    private static final int FACE_FRAMES = 2;
    private static final int BLANK_FRAMES = 2;
    private static final int[] SIZES = {96, 128, 170, 220};
    private static final double[] ANGLES = {0, 0, 12, 0, -18, 0, 24, 0, -30};

    /** A bundled face with the label its file name starts with. */
    private record Face(String name, String label, BufferedImage image) {}

    /** A face drawn in a scene, and its square before turning (the truth box). */
    private record Shown(Face face, SyntheticVideo.Placement placement) {
        FaceBox truth() {
            return new FaceBox(placement.x(), placement.y(), placement.size(), placement.size());
        }

        boolean turned() {
            return placement.degrees() != 0;
        }
    }

    private static List<Face> faces() throws IOException {
        List<Face> faces = new ArrayList<>();
        try (InputStream index = DetectionOnVideoTest.class.getResourceAsStream("/video-faces/index.txt")) {
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream in = DetectionOnVideoTest.class.getResourceAsStream("/video-faces/" + name.strip())) {
                    faces.add(new Face(name.strip(), name.substring(0, name.indexOf('_')), ImageIO.read(in)));
                }
            }
        }
        return faces;
    }

    /** Scene s shows face s on the left and face s + 15 on the right, each at its own size and tilt. */
    private static List<List<Shown>> scenes(List<Face> faces) {
        Random random = new Random(12);
        List<List<Shown>> scenes = new ArrayList<>();
        for (int s = 0; s < SCENES; s++) {
            List<Shown> scene = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                Face face = faces.get((s + side * SCENES / 2) % faces.size());
                int size = SIZES[(s + 2 * side) % SIZES.length];
                double angle = ANGLES[(s + 4 * side) % ANGLES.length];
                int centreX = side == 0 ? 160 : 480;
                int centreY = 240 + random.nextInt(61) - 30;
                scene.add(new Shown(
                        face,
                        new SyntheticVideo.Placement(
                                face.image(), centreX - size / 2, centreY - size / 2, size, angle)));
            }
            scenes.add(scene);
        }
        return scenes;
    }

    /** Returns the scene frame {@code i} shows, or -1 for a blank frame. */
    private static int sceneOf(int i) {
        int within = i % (FACE_FRAMES + BLANK_FRAMES);
        return within < FACE_FRAMES ? i / (FACE_FRAMES + BLANK_FRAMES) : -1;
    }

    @Test
    void defaultDetectorFindsNineInTenFacesNoFalseOnesAndTheFacesAreReadWellAboveChance(@TempDir Path dir)
            throws Exception {
        List<Face> faces = faces();
        assertThat(faces).hasSize(SCENES);
        List<List<Shown>> scenes = scenes(faces);
        int frames = SCENES * (FACE_FRAMES + BLANK_FRAMES);
        Path video = dir.resolve("scenes.mp4");
        SyntheticVideo.write(video, WIDTH, HEIGHT, 25, frames, i -> {
            int scene = sceneOf(i);
            return scene < 0
                    ? List.of()
                    : scenes.get(scene).stream().map(Shown::placement).toList();
        });

        List<FrameResult> results = new ArrayList<>();
        double tightCropAccuracy;
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(
                        ClassifierOptions.defaults().withMaxConcurrency(1));
                EmotionCamera camera = EmotionCamera.builder()
                        .setSource(VideoSource.video(video))
                        .setClassifier(fer)
                        .build()) {
            camera.run((result, frame) -> results.add(result));
            // The same faces as the 48x48 crops they are in FER-2013: what the model can do without the camera.
            int right = 0;
            for (Face f : faces) {
                if (fer.predict(f.image()).label().equals(f.label())) {
                    right++;
                }
            }
            tightCropAccuracy = (double) right / faces.size();
        }
        assertThat(results).hasSize(frames);

        int[] shown = new int[2]; // upright, turned
        int[] found = new int[2];
        int correct = 0;
        int blankFrames = 0;
        int falseOnBlank = 0;
        int falseOnScenes = 0;
        List<String> missed = new ArrayList<>();
        for (FrameResult r : results) {
            int scene = sceneOf((int) r.frameIndex());
            if (scene < 0) {
                blankFrames++;
                falseOnBlank += r.faces().size();
                continue;
            }
            List<TrackedFace> unmatched = new ArrayList<>(r.faces());
            for (Shown s : scenes.get(scene)) {
                int kind = s.turned() ? 1 : 0;
                shown[kind]++;
                TrackedFace best = null;
                for (TrackedFace d : unmatched) {
                    if (d.box().iou(s.truth()) >= 0.3
                            && (best == null
                                    || d.box().iou(s.truth()) > best.box().iou(s.truth()))) {
                        best = d;
                    }
                }
                if (best == null) {
                    missed.add(String.format(
                            Locale.ROOT,
                            "frame %d: %s at %d px, %.0f deg",
                            r.frameIndex(),
                            s.face().name(),
                            s.placement().size(),
                            s.placement().degrees()));
                    continue;
                }
                unmatched.remove(best);
                found[kind]++;
                if (best.prediction().label().equals(s.face().label())) {
                    correct++;
                }
            }
            falseOnScenes += unmatched.size();
        }
        int allShown = shown[0] + shown[1];
        int allFound = found[0] + found[1];
        double recall = (double) allFound / allShown;
        double falsePerBlank = (double) falseOnBlank / blankFrames;
        double accuracy = (double) correct / allFound;
        System.out.printf(
                Locale.ROOT,
                "DetectionOnVideoTest: recall %.1f%% (%d of %d; upright %d of %d, turned %d of %d),"
                        + " %d false faces in %d blank frames and %d in scene frames, emotion accuracy %.1f%% on the %d faces"
                        + " found (the same %d faces as FER-2013 crops: %.1f%%); missed: %s%n",
                100 * recall,
                allFound,
                allShown,
                found[0],
                shown[0],
                found[1],
                shown[1],
                falseOnBlank,
                blankFrames,
                falseOnScenes,
                100 * accuracy,
                allFound,
                faces.size(),
                100 * tightCropAccuracy,
                missed);

        assertThat(recall).as("face recall at IoU 0.3; missed: %s", missed).isGreaterThanOrEqualTo(0.90);
        assertThat(falsePerBlank).as("false faces per blank frame").isLessThanOrEqualTo(0.05);
        // Seen on Linux x86-64: recall 91.7% (110 of 120), no false face, accuracy 35.5% against 33.3% for the
        // same faces as FER-2013 crops. The faces are a random sample (see the README beside them), harder for
        // the model than the test split as a whole (42%), so the bar is more than twice chance and no real
        // loss against the dataset's own crops, rather than the split's accuracy.
        assertThat(accuracy)
                .as("emotion accuracy on the faces found (chance: 1/7)")
                .isGreaterThanOrEqualTo(0.30);
        assertThat(accuracy)
                .as("emotion accuracy against the same faces as FER-2013 crops")
                .isGreaterThanOrEqualTo(tightCropAccuracy - 0.10);
    }
}
