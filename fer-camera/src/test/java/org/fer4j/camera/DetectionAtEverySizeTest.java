// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faces at every size (issue 23): a generated 1920x1080 group photo with 24 faces of 20 to 200 px, and a
 * generated hard video (faces of 24 to 200 px at random places, turned by up to 25 degrees, over cluttered
 * backgrounds), both found by the default detection of photos and video files; and the live camera's cheap
 * look, which keeps a small face it knows without scanning the whole frame finely. Faces are the bundled
 * FER-2013 faces, tight crops that are harder to find than real faces.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DetectionAtEverySizeTest {

    private static final int VIDEO_WIDTH = 640;
    private static final int VIDEO_HEIGHT = 480;
    private static final int SCENES = 70;
    private static final int FRAMES_PER_SCENE = 1;
    private static final int FACES_PER_SCENE = 2;

    @Test
    void findsAtLeastTwentyOfTheTwentyFourFacesOfAFullHdGroupPhoto() throws Exception {
        List<BufferedImage> faces = HardScenes.faces();
        Random random = new Random(2023);
        BufferedImage background = HardScenes.texture(1920, 1080, random);
        List<HardScenes.Shown> shown = HardScenes.groupPhoto(faces, random);
        HardScenes.Count now;
        HardScenes.Count before;
        try (Mat photo = HardScenes.draw(background, shown);
                YuNetFaceDetector detector = YuNetFaceDetector.create();
                YuNetFaceDetector shrunk =
                        YuNetFaceDetector.builder().optMinFaceSize(0).build()) {
            now = HardScenes.count(shown, boxes(detector.detect(photo)));
            before = HardScenes.count(shown, boxes(shrunk.detect(photo)));
        }
        System.out.printf(
                Locale.ROOT,
                "DetectionAtEverySizeTest group photo: %d of %d faces found, %d false"
                        + " (shrunk to 640 as before: %d found); missed sizes %s%n",
                now.found(),
                now.shown(),
                now.falseFaces(),
                before.found(),
                sizes(now.missed()));
        assertThat(now.found())
                .as("faces found of 24; missed sizes %s", sizes(now.missed()))
                .isGreaterThanOrEqualTo(20);
        assertThat(now.falseFaces()).as("false faces").isLessThanOrEqualTo(1);
        // The photo is hard enough to need the finer scans.
        assertThat(before.found()).as("faces found in the photo shrunk to 640").isLessThan(20);
    }

    @Test
    void videoFilesAreScannedFinelyEnoughToFindNinetyTwoPercentOfFacesOfEverySizeAndTilt(@TempDir Path dir)
            throws Exception {
        List<BufferedImage> faces = HardScenes.faces();
        Random random = new Random(25);
        List<BufferedImage> backgrounds = new ArrayList<>();
        List<List<HardScenes.Shown>> scenes = new ArrayList<>();
        for (int s = 0; s < SCENES; s++) {
            backgrounds.add(HardScenes.texture(VIDEO_WIDTH, VIDEO_HEIGHT, random));
            int[] sizes = new int[FACES_PER_SCENE];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 24 + random.nextInt(200 - 24 + 1);
            }
            scenes.add(HardScenes.scatter(
                    faces, random.nextInt(faces.size()), sizes, VIDEO_WIDTH, VIDEO_HEIGHT, 25, random));
        }
        Path video = dir.resolve("hard.mp4");
        SyntheticVideo.write(
                video,
                VIDEO_WIDTH,
                VIDEO_HEIGHT,
                25,
                SCENES * FRAMES_PER_SCENE,
                i -> backgrounds.get(i / FRAMES_PER_SCENE),
                i -> scenes.get(i / FRAMES_PER_SCENE).stream()
                        .map(HardScenes.Shown::placement)
                        .toList());

        List<FrameResult> results = new ArrayList<>();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault(ClassifierOptions.defaults()
                        .withMaxConcurrency(1)
                        .withTestTimeAugmentation(TestTimeAugmentation.NONE));
                EmotionCamera camera = EmotionCamera.builder()
                        .setSource(VideoSource.video(video))
                        .setClassifier(fer)
                        .build()) {
            camera.run((result, frame) -> results.add(result));
        }
        assertThat(results).hasSize(SCENES * FRAMES_PER_SCENE);
        int shown = 0;
        int found = 0;
        int falseFaces = 0;
        List<Integer> missed = new ArrayList<>();
        for (FrameResult r : results) {
            List<FaceBox> boxes = r.faces().stream().map(TrackedFace::box).toList();
            HardScenes.Count c = HardScenes.count(scenes.get((int) r.frameIndex() / FRAMES_PER_SCENE), boxes);
            shown += c.shown();
            found += c.found();
            falseFaces += c.falseFaces();
            missed.addAll(sizes(c.missed()));
        }
        double recall = (double) found / shown;
        missed.sort(null);
        System.out.printf(
                Locale.ROOT,
                "DetectionAtEverySizeTest hard video: recall %.1f%% (%d of %d), %d false faces"
                        + " in %d frames; missed sizes %s%n",
                100 * recall,
                found,
                shown,
                falseFaces,
                results.size(),
                missed);
        assertThat(recall).as("recall at IoU 0.3; missed sizes %s", missed).isGreaterThanOrEqualTo(0.92);
        assertThat((double) falseFaces / results.size())
                .as("false faces per frame")
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void theLiveLookKeepsAKnownSmallFaceThatTheCoarseScaleAloneMisses() throws Exception {
        List<BufferedImage> faces = HardScenes.faces();
        Random random = new Random(7);
        BufferedImage background = HardScenes.texture(VIDEO_WIDTH, VIDEO_HEIGHT, random);
        // Small faces: the coarse scale (480) misses most, the full scan and the look near them fewer.
        List<HardScenes.Shown> shown =
                HardScenes.scatter(faces, 3, new int[] {30, 32, 34, 36, 38, 40}, VIDEO_WIDTH, VIDEO_HEIGHT, 0, random);
        try (Mat frame = HardScenes.draw(background, shown);
                YuNetFaceDetector live = YuNetFaceDetector.live().build();
                YuNetFaceDetector coarse =
                        YuNetFaceDetector.live().optMinFaceSize(0).build()) {
            List<FaceDetection> full = live.detect(frame);
            HardScenes.Count fullCount = HardScenes.count(shown, boxes(full));
            Optional<List<FaceDetection>> near = live.detectNear(frame, boxes(full));
            HardScenes.Count coarseCount = HardScenes.count(shown, boxes(coarse.detect(frame)));
            System.out.printf(
                    Locale.ROOT,
                    "DetectionAtEverySizeTest live: full scan %d, near look %d, coarse only %d" + " of %d%n",
                    fullCount.found(),
                    near.map(n -> HardScenes.count(shown, boxes(n)).found()).orElse(-1),
                    coarseCount.found(),
                    shown.size());
            assertThat(fullCount.found()).isGreaterThan(coarseCount.found());
            assertThat(near).isPresent();
            HardScenes.Count nearCount = HardScenes.count(shown, boxes(near.get()));
            assertThat(nearCount.found()).as("faces the near look keeps").isEqualTo(fullCount.found());
            assertThat(coarse.detectNear(frame, boxes(full)))
                    .as("one scale only: nothing cheaper")
                    .isEmpty();
        }
    }

    @Test
    void tilesCoverTheLengthWithTheOverlapAskedFor() {
        assertThat(YuNetPyramid.starts(600, 640, 100)).containsExactly(0);
        int[] starts = YuNetPyramid.starts(1920, 640, 125);
        assertThat(starts[0]).isZero();
        assertThat(starts[starts.length - 1] + 640).isEqualTo(1920);
        for (int i = 1; i < starts.length; i++) {
            assertThat(starts[i - 1] + 640 - starts[i])
                    .as("overlap of tiles %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(125);
        }
    }

    private static List<FaceBox> boxes(List<FaceDetection> found) {
        return found.stream().map(FaceDetection::box).toList();
    }

    private static List<Integer> sizes(List<HardScenes.Shown> shown) {
        return shown.stream().map(s -> s.placement().size()).sorted().toList();
    }
}
