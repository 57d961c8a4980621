// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * The measurements behind {@link YuNetFaceDetector}'s pyramid settings: faces found in generated 1920x1080
 * group photos ({@link HardScenes#groupPhoto}) by minimum face size and by the smallest face the network is
 * trusted with, and the time taken. Not part of the suite (its name does not end in Test); run by hand:
 *
 * <pre>
 * mvn -B -o -q -pl fer-camera -am test -Dtest=PyramidMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PyramidMeasurement {

    private static final int PHOTOS = 6;

    @Test
    void groupPhotos() throws Exception {
        List<BufferedImage> faces = HardScenes.faces();
        List<List<HardScenes.Shown>> scenes = new ArrayList<>();
        List<Mat> photos = new ArrayList<>();
        for (int p = 0; p < PHOTOS; p++) {
            Random random = new Random(100 + p);
            BufferedImage background = HardScenes.texture(1920, 1080, random);
            List<HardScenes.Shown> shown = HardScenes.groupPhoto(faces, random);
            scenes.add(shown);
            photos.add(HardScenes.draw(background, shown));
        }
        int[][] settings = {{0, 40}, {40, 40}, {20, 32}, {20, 40}, {20, 48}};
        for (int[] s : settings) {
            try (YuNetFaceDetector d = YuNetFaceDetector.builder()
                    .optMinFaceSize(s[0])
                    .netMinFace(s[1])
                    .build()) {
                int found = 0;
                int falseFaces = 0;
                int shown = 0;
                List<Integer> missedSizes = new ArrayList<>();
                long start = System.nanoTime();
                for (int p = 0; p < PHOTOS; p++) {
                    List<FaceBox> boxes = d.detect(photos.get(p)).stream()
                            .map(FaceDetection::box)
                            .toList();
                    HardScenes.Count c = HardScenes.count(scenes.get(p), boxes);
                    found += c.found();
                    shown += c.shown();
                    falseFaces += c.falseFaces();
                    c.missed().forEach(m -> missedSizes.add(m.placement().size()));
                }
                double ms = (System.nanoTime() - start) / 1e6 / PHOTOS;
                missedSizes.sort(null);
                System.out.printf(
                        Locale.ROOT,
                        "minFace %d netMin %d: %d of %d found (%.1f of 24 per photo), %d false,"
                                + " %.0f ms per photo; missed sizes %s%n",
                        s[0],
                        s[1],
                        found,
                        shown,
                        24.0 * found / shown,
                        falseFaces,
                        ms,
                        missedSizes);
            }
        }
        photos.forEach(Mat::close);
    }
}
