// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;

/** Writes model folders with randomly initialised weights, and generated face-sized images, for tests. */
final class TestModels {

    private TestModels() {}

    static Path randomModel(Path dir, String architecture, EmotionLabels labels) throws IOException {
        return randomModel(dir, architecture, labels, labels.size());
    }

    /**
     * Writes a random seed-network model for the FER-2013 labels without equalisation, so that classifying
     * part of an input equals classifying that part of the image.
     */
    static Path plainRandomModel(Path dir) throws IOException {
        randomModel(dir, "seed", EmotionLabels.fer2013());
        ModelInfo.of("seed", EmotionLabels.fer2013(), Preprocessing.standard()).write(dir);
        return dir;
    }

    /** Writes a model whose network has {@code outputs} outputs but whose model.json lists {@code labels}. */
    static Path randomModel(Path dir, String architecture, EmotionLabels labels, int outputs) throws IOException {
        Files.createDirectories(dir);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(architecture, outputs);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            try (OutputStream os = Files.newOutputStream(dir.resolve(ModelInfo.PARAMETERS_FILE));
                    DataOutputStream dos = new DataOutputStream(os)) {
                block.saveParameters(dos);
            }
        }
        ModelInfo.of(architecture, labels, Preprocessing.equalized()).write(dir);
        return dir;
    }

    static BufferedImage image(long seed, int width, int height) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return img;
    }
}
