// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;

/** Test data made on the spot: a randomly initialised model folder and a short video of faces. */
final class Fixtures {

    /** The face images under src/test/resources/faces (FER-2013 PublicTest, see the README there). */
    static final List<String> FACE_FILES = List.of(
            "happy_PublicTest_10248771.jpg",
            "fear_PublicTest_10434403.jpg",
            "surprise_PublicTest_10709121.jpg",
            "neutral_PublicTest_13489471.jpg",
            "sad_PublicTest_11285899.jpg",
            "happy_PublicTest_11394394.jpg",
            "angry_PublicTest_1463394.jpg");

    /** Frames of the test video. */
    static final int FRAMES = 30;
    /** Frame rate of the test video. */
    static final double FPS = 25;

    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private Fixtures() {}

    /** Returns how many faces frame {@code i} of the test video shows: 1, none, 2, none (in blocks). */
    static int facesIn(int i) {
        if (i < 10) {
            return 1;
        }
        if (i < 15) {
            return 0;
        }
        return i < 25 ? 2 : 0;
    }

    /**
     * Writes the test video: 640x480, 25 fps, 30 frames, faces moving right by 1 px a frame in frames 0-9
     * and 15-24 (Haar detection of a given face flickers at some positions; these are checked to be found).
     */
    static Path video(Path dir) throws IOException {
        Path file = dir.resolve("faces.mp4");
        List<BufferedImage> faces = faces();
        SyntheticVideo.write(file, WIDTH, HEIGHT, FPS, FRAMES, i -> {
            int shift = i % 10;
            return switch (facesIn(i)) {
                case 1 -> List.of(new SyntheticVideo.Placement(faces.get(0), 220 + shift, 140, 180));
                case 2 ->
                    List.of(
                            new SyntheticVideo.Placement(faces.get(1), 40 + shift, 150, 180),
                            new SyntheticVideo.Placement(faces.get(2), 400 + shift, 150, 180));
                default -> List.of();
            };
        });
        return file;
    }

    /**
     * Writes a copy of the test video whose picture data (the mp4 {@code mdat} box) is zeroed: FFmpeg opens it
     * and finds its video stream, but decodes no frame from it.
     */
    static Path undecodableVideo(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(video(Files.createDirectories(dir.resolve("source"))));
        for (int i = 0; i + 8 <= bytes.length; i++) {
            if (bytes[i + 4] == 'm' && bytes[i + 5] == 'd' && bytes[i + 6] == 'a' && bytes[i + 7] == 't') {
                int size = ((bytes[i] & 255) << 24)
                        | ((bytes[i + 1] & 255) << 16)
                        | ((bytes[i + 2] & 255) << 8)
                        | (bytes[i + 3] & 255);
                java.util.Arrays.fill(bytes, i + 8, Math.min(bytes.length, i + size), (byte) 0);
                return Files.write(dir.resolve("undecodable.mp4"), bytes);
            }
        }
        throw new IOException("No mdat box in the test video");
    }

    /** Returns the test face images, in {@link #FACE_FILES} order. */
    static List<BufferedImage> faces() {
        List<BufferedImage> out = new ArrayList<>();
        for (String name : FACE_FILES) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/faces/" + name)) {
                out.add(ImageIO.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Writes a "seed" model with random weights into {@code dir}; tests only check structure, never emotions. */
    static Path model(Path dir) throws IOException {
        return model(dir, "seed");
    }

    /** Writes a model of the given architecture with random weights into {@code dir}. */
    static Path model(Path dir, String architecture) throws IOException {
        Files.createDirectories(dir);
        EmotionLabels labels = EmotionLabels.fer2013();
        Block block = Architectures.build(architecture, labels.size());
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, Preprocessing.SIZE, Preprocessing.SIZE));
            try (DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(dir.resolve(ModelInfo.PARAMETERS_FILE))))) {
                block.saveParameters(out);
            }
        }
        ModelInfo.of(architecture, labels, Preprocessing.equalized()).write(dir);
        return dir;
    }

    /** A timeline chart for tests: a blank image of the app's chart size that keeps what it was asked to draw. */
    static final class RecordingChart implements FrameSink.TimelineChart {
        String title;
        List<String> labels;
        List<java.awt.Color> colours;
        double[][] shares;

        @Override
        public BufferedImage draw(String title, List<String> labels, List<java.awt.Color> colours, double[][] shares) {
            this.title = title;
            this.labels = labels;
            this.colours = colours;
            this.shares = shares;
            return new BufferedImage(1000, 420, BufferedImage.TYPE_INT_RGB);
        }
    }
}
