// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small generated image folders for tests: each class has its own easy-to-learn pattern. */
final class SyntheticFaces {

    private SyntheticFaces() {}

    /** Writes {@code perClass} 48x48 grey PNGs per class under {@code dir/<class>/}. */
    static void writeFolder(Path dir, List<String> classes, int perClass, long seed) throws IOException {
        Random random = new Random(seed);
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = Files.createDirectories(dir.resolve(classes.get(c)));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(
                        pattern(c, random),
                        "png",
                        classDir.resolve("img_" + i + ".png").toFile());
            }
        }
    }

    /** Writes {@code root/train} and {@code root/test}. */
    static Path writeDataset(Path root, List<String> classes, int trainPerClass, int testPerClass) throws IOException {
        writeFolder(root.resolve("train"), classes, trainPerClass, 1);
        writeFolder(root.resolve("test"), classes, testPerClass, 2);
        return root;
    }

    /** Class c: a bright horizontal band at a class-specific height, on noise. */
    static BufferedImage pattern(int c, Random random) {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        int top = 4 + c * 12 % 40;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                int v = random.nextInt(60);
                if (y >= top && y < top + 8) {
                    v += 180;
                }
                img.getRaster().setSample(x, y, 0, Math.min(255, v));
            }
        }
        return img;
    }
}
