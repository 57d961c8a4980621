// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.fer4j.camera.internal.SyntheticVideo;

/** Small test data made on the spot from the bundled faces, and the tests' Spark session. */
final class TestData {

    /** FER-2013 PublicTest crops (see src/test/resources/faces/README.md), named emotion_id.jpg. */
    static final List<String> FACES = List.of(
            "happy_PublicTest_10248771.jpg",
            "fear_PublicTest_10434403.jpg",
            "surprise_PublicTest_10709121.jpg",
            "sad_PublicTest_11285899.jpg");

    private TestData() {}

    /**
     * The tests' session: two task slots, and two attempts per task so that a failed task is retried as on a
     * cluster (local masters default to one attempt). No web UI: nothing watches it.
     */
    static SparkSession spark() {
        return SparkSession.builder()
                .master("local[2,2]")
                .appName("fer-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    static byte[] faceBytes(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/faces/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage face(String name) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(faceBytes(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the faces as DIR/emotion/name.jpg, the image-folder layout of FER-2013; returns the files. */
    static List<Path> writeFaces(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String name : FACES) {
            Path folder = Files.createDirectories(dir.resolve(name.substring(0, name.indexOf('_'))));
            files.add(Files.write(folder.resolve(name.substring(name.indexOf('_') + 1)), faceBytes(name)));
        }
        return files;
    }

    /** An empty file. */
    static Path zeroBytes(Path dir) throws IOException {
        return Files.write(dir.resolve("zero.jpg"), new byte[0]);
    }

    /** Text that claims to be a JPEG. */
    static Path notAnImage(Path dir) throws IOException {
        return Files.writeString(dir.resolve("notes.jpg"), "not an image at all");
    }

    /** The first half of a valid PNG: the header reads, the pixel data ends early. */
    static Path truncated(Path dir) throws IOException {
        BufferedImage noise = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(7);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                noise.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(noise, "png", png);
        byte[] all = png.toByteArray();
        return Files.write(dir.resolve("truncated.png"), Arrays.copyOf(all, all.length / 2));
    }

    /**
     * A 50 byte PNG whose header claims 50,000 x 50,000 pixels (2.5 billion, over the 40 million limit):
     * decoding it would need 10 GB.
     */
    static Path hugePixelCount(Path dir) throws IOException {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(50_000)
                .putInt(50_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return Files.write(dir.resolve("huge.png"), out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A 640x480 photo with two faces of 180 px on light grey, as fer-camera's tests place them. */
    static Path groupPhoto(Path dir) throws IOException {
        BufferedImage photo = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(face(FACES.get(1)), 40, 150, 180, 180, null);
        g.drawImage(face(FACES.get(2)), 400, 150, 180, 180, null);
        g.dispose();
        Path file = dir.resolve("group.png");
        ImageIO.write(photo, "png", file.toFile());
        return file;
    }

    /** A plain grey photo: no face. */
    static Path emptyPhoto(Path dir) throws IOException {
        BufferedImage photo = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(200, 200, 200));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        Path file = dir.resolve("empty.png");
        ImageIO.write(photo, "png", file.toFile());
        return file;
    }

    /** A 1.2 s video at 10 fps: one face moving right, then two faces. */
    static Path video(Path file) throws IOException {
        BufferedImage a = face(FACES.get(0));
        BufferedImage b = face(FACES.get(1));
        SyntheticVideo.write(
                file,
                640,
                480,
                10,
                12,
                i -> i < 6
                        ? List.of(new SyntheticVideo.Placement(a, 220 + i, 140, 180))
                        : List.of(
                                new SyntheticVideo.Placement(a, 40 + i, 150, 180),
                                new SyntheticVideo.Placement(b, 400 + i, 150, 180)));
        return file;
    }
}
