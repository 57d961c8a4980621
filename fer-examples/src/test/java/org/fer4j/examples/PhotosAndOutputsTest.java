// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every face, every format, every output: the reproductions of issue 23 through the app. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PhotosAndOutputsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The bundled happy sample face, scaled up to {@code size} pixels. */
    private static BufferedImage happyFace(int size) throws IOException {
        BufferedImage face = SampleFaces.load().stream()
                .filter(s -> s.label().equals("happy"))
                .findFirst()
                .orElseThrow()
                .image();
        BufferedImage big = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(face, 0, 0, size, size, null);
        g.dispose();
        return big;
    }

    /** A 640x480 grey photo with the sample face {@code index} drawn 200 px wide at (x, y). */
    private static BufferedImage photo(int index, int x, int y) throws IOException {
        BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.LIGHT_GRAY);
        g.fillRect(0, 0, 640, 480);
        g.drawImage(SampleFaces.load().get(index).image(), x, y, 200, 200, null);
        g.dispose();
        return canvas;
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** A JPEG with an EXIF orientation, as a phone saves a photo taken sideways. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) throws IOException {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42})
                .putInt(8)
                .putShort((short) 1)
                .putShort((short) 274)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0)
                .putInt(0);
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(
                new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) ((exif.length + 2) & 0xFF)
                });
        out.write(exif);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** A 100-byte PNG whose header claims 30000x30000 pixels (900 megapixels). */
    private static byte[] bomb() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        byte[] bytes = png.toByteArray();
        ByteBuffer.wrap(bytes, 16, 8).putInt(30000).putInt(30000);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        return bytes;
    }

    private static float[] probabilities(JsonNode line) {
        float[] p = new float[7];
        int i = 0;
        for (JsonNode v : line.get("probabilities")) {
            p[i++] = (float) v.asDouble();
        }
        return p;
    }

    private static double distance(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d;
    }

    private static List<String> lines(Object text) {
        String s = ((String) text).strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    private static void assertOneLineError(Object[] r, int code, String... parts) {
        assertThat(r[0]).as("exit code; stderr: %s", r[2]).isEqualTo(code);
        List<String> err = lines(r[2]);
        assertThat(err).as("stderr").hasSize(1);
        assertThat(err.get(0)).contains(parts).doesNotContain("OpenCV(");
    }

    /** Runs a command with a model folder that does not exist, so only checks made before loading can pass. */
    private Object[] withoutModel(String command, String... args) {
        List<String> all = new ArrayList<>(
                List.of(command, "--model", tmp.resolve("no-model").toString()));
        all.addAll(Arrays.asList(args));
        return FerAppTest.run(all.toArray(String[]::new));
    }

    @Test
    void plainPredictAndTheLibraryTurnAPhonePhotoUpright() throws Exception {
        BufferedImage upright = happyFace(192);
        // Stored a quarter turn counter-clockwise, with orientation 6 saying "turn clockwise to show".
        byte[] sidewaysPixels = jpeg(ImageDecoding.orient(upright, 8));
        Path straight = Files.write(tmp.resolve("upright.jpg"), jpeg(upright));
        Path phone = Files.write(tmp.resolve("phone.jpg"), withOrientation(sidewaysPixels, 6));
        Path raw = Files.write(tmp.resolve("sideways.jpg"), sidewaysPixels);

        Object[] r = FerAppTest.run("predict", "--json", straight.toString(), phone.toString(), raw.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        List<String> out = lines(r[1]);
        assertThat(out).hasSize(3);
        JsonNode a = JSON.readTree(out.get(0));
        JsonNode b = JSON.readTree(out.get(1));
        JsonNode c = JSON.readTree(out.get(2));
        assertThat(b.get("emotion").asText()).isEqualTo(a.get("emotion").asText());
        double turned = distance(probabilities(a), probabilities(b));
        double ignored = distance(probabilities(a), probabilities(c));
        assertThat(turned).as("upright vs EXIF-turned").isLessThan(0.1);
        // The guard that makes the check above mean something: the sideways pixels classify differently.
        assertThat(ignored).as("upright vs sideways").isGreaterThan(turned + 0.1);

        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            EmotionPrediction fromPath = fer.predict(phone);
            EmotionPrediction fromBytes = fer.predict(Files.readAllBytes(phone));
            EmotionPrediction reference = fer.predict(ImageIO.read(straight.toFile()));
            assertThat(distance(fromPath.probabilities(), reference.probabilities()))
                    .isLessThan(0.1);
            assertThat(fromBytes.probabilities()).containsExactly(fromPath.probabilities());
        }
    }

    @Test
    void an8000x6000PhotoIsClassifiedAndADecompressionBombIsRefusedQuickly() throws Exception {
        BufferedImage big = new BufferedImage(8000, 6000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.drawImage(happyFace(192), 0, 0, 8000, 6000, null);
        g.dispose();
        Path photo = tmp.resolve("big.jpg");
        ImageIO.write(big, "jpeg", photo.toFile());
        big = null;
        Object[] r = FerAppTest.run("predict", photo.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        assertThat(lines(r[1])).hasSize(1);

        Path huge = Files.write(tmp.resolve("huge.png"), bomb());
        for (String[] args : new String[][] {{"predict", huge.toString()}, {"predict", "--detect", huge.toString()}}) {
            Object[] refused = FerAppTest.run(args);
            assertOneLineError(refused, 1, huge + ": Image too large to decode: 30000x30000 pixels");
            assertThat(((String) refused[2]).split(huge.toString(), -1))
                    .as("path once")
                    .hasSize(2);
        }
        Object[] detect = FerAppTest.run("detect", "--input", huge.toString(), "--no-display");
        assertThat(detect[0]).isEqualTo(1);
        assertThat(lines(detect[2]).get(0)).contains(huge + ": image too large to decode: 30000x30000");
    }

    @Test
    void aFolderOrAMissingFileGivesTheReasonWithThePathOnce() {
        Object[] folder = FerAppTest.run("predict", tmp.toString());
        assertOneLineError(folder, 1, "fer: " + tmp + ": is a folder, not an image file");
        Path missing = tmp.resolve("missing.jpg");
        Object[] none = FerAppTest.run("predict", missing.toString());
        assertOneLineError(none, 1, "fer: " + missing + ": no such image file");
    }

    @Test
    void resultsThatCannotReachStandardOutputFailTheCommand() throws Exception {
        Path face = SampleFaces.extractTo(tmp.resolve("faces")).get(0);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            // What /dev/full does to every write.
            System.setOut(new PrintStream(
                    new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            throw new IOException("No space left on device");
                        }
                    },
                    true,
                    StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = FerApp.execute("predict", face.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(code).isEqualTo(1);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("could not be written to standard output");
    }

    @Test
    void aLabelWithATabOrNewlineCannotForgeLinesOfTheOutput() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        for (String name : new String[] {"model.json", "model.params", "emotion_labels.json"}) {
            try (InputStream in = EmotionClassifier.class.getResourceAsStream("default-model/" + name)) {
                Files.copy(in, model.resolve(name));
            }
        }
        ObjectNode info = (ObjectNode) JSON.readTree(model.resolve("model.json").toFile());
        ArrayNode labels = (ArrayNode) info.get("labels");
        String forged = "x\tfake.jpg\tangry\t1.0000\nforged";
        for (int i = 0; i < labels.size(); i++) {
            labels.set(i, JSON.getNodeFactory().textNode(forged + i));
        }
        Files.writeString(model.resolve("model.json"), JSON.writeValueAsString(info));
        Path face = SampleFaces.extractTo(tmp.resolve("faces")).get(0);
        Path odd = Files.copy(face, tmp.resolve("faces/odd\tname.jpg"));

        Object[] r = FerAppTest.run("predict", "--model", model.toString(), face.toString(), odd.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        List<String> out = lines(r[1]);
        assertThat(out).as("one line per image").hasSize(2);
        for (String line : out) {
            assertThat(line.split("\t")).as("three fields: %s", line).hasSize(3);
            assertThat(line).contains("x\\tfake.jpg\\tangry\\t1.0000\\nforged");
        }
        assertThat(out.get(1)).startsWith(tmp.resolve("faces") + "/odd\\tname.jpg\t");

        Object[] json = FerAppTest.run("predict", "--json", "--model", model.toString(), face.toString());
        assertThat(json[0]).isEqualTo(0);
        assertThat(lines(json[1])).hasSize(1);
        assertThat(JSON.readTree(lines(json[1]).get(0)).get("emotion").asText()).startsWith(forged);
    }

    @Test
    void aHugeModelJsonIsRefusedAtOnceWithAMessage() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("huge-model"));
        try (java.io.RandomAccessFile f =
                new java.io.RandomAccessFile(model.resolve("model.json").toFile(), "rw")) {
            f.setLength(3L << 30); // Sparse: 3 GB as the file system reports it, nothing written.
        }
        Path face = SampleFaces.extractTo(tmp.resolve("faces")).get(0);
        // CPU time of this thread, not wall time: the machine may be busy with other work.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        Object[] r = FerAppTest.run("predict", "--model", model.toString(), face.toString());
        assertOneLineError(r, 1, model.resolve("model.json") + ": too large (3221225472 bytes");
        assertThat((threads.getCurrentThreadCpuTime() - start) / 1e9)
                .as("CPU seconds")
                .isLessThan(5.0);
    }

    @Test
    void evaluateUsageErrorsComeBeforeTheModelLoads() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("happy"));
        Files.createDirectories(data.resolve("sad"));
        Object[] empty = withoutModel("evaluate", "--data", data.toString(), "--report-dir", "");
        assertOneLineError(empty, 2, "--report-dir is empty");
        Path inside = data.resolve("happy/report");
        Object[] insideClass = withoutModel("evaluate", "--data", data.toString(), "--report-dir", inside.toString());
        assertOneLineError(insideClass, 2, "--report-dir " + inside + " is inside --data " + data);
        assertThat(inside).doesNotExist();
        Object[] noData =
                withoutModel("evaluate", "--data", tmp.resolve("nothing").toString());
        assertOneLineError(noData, 2, tmp.resolve("nothing") + ": no such folder");
    }

    @Test
    void evaluateDetectOnAnEmptyClassFolderIsAClearError() throws Exception {
        Path data = tmp.resolve("photos");
        Files.createDirectories(data.resolve("happy"));
        Files.createDirectories(data.resolve("sad"));
        ImageIO.write(photo(3, 200, 100), "png", data.resolve("sad/one.png").toFile());
        Object[] r = FerAppTest.run("evaluate", "--detect", "--data", data.toString());
        assertThat(r[0]).isEqualTo(1);
        assertThat((String) r[2]).contains("Class folder " + data.resolve("happy") + " holds no images");
        Files.writeString(data.resolve("happy/notes.txt"), "no images here");
        Object[] notes = FerAppTest.run("evaluate", "--detect", "--data", data.toString());
        assertThat(notes[0]).isEqualTo(1);
        assertThat((String) notes[2]).contains("Class folder " + data.resolve("happy") + " holds no images");
    }

    @Test
    void detectAndTrainUsageErrorsComeBeforeTheModelLoads() throws Exception {
        Path image = tmp.resolve("photo.png");
        ImageIO.write(photo(3, 200, 100), "png", image.toFile());
        assertOneLineError(
                withoutModel("detect", "--no-display", "--input", image.toString(), "--every", "0"),
                2,
                "--every must be 1 or more");
        Path missing = tmp.resolve("no-such-folder");
        Object[] r = withoutModel("detect", "--no-display", "--input", missing + "/");
        assertOneLineError(r, 2, missing + ": no such file or folder");
        assertThat((String) r[2]).doesNotContain("video");
        Path xyz = tmp.resolve("out.xyz");
        assertOneLineError(
                withoutModel("detect", "--no-display", "--input", image.toString(), "--output", xyz.toString()),
                2,
                "out.xyz",
                "png");
        assertOneLineError(
                withoutModel("detect", "--no-display", "--input", tmp.toString(), "--output", "-"), 2, "--output -");

        Object[] train = FerAppTest.run(
                "train",
                "--output",
                tmp.resolve("run").toString(),
                "--data",
                tmp.resolve("no-data").toString(),
                "--epochs",
                "0");
        assertOneLineError(train, 2, "--epochs must be 1 or more");

        // Outputs inside the data: charts in a class folder would be read back as faces.
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("train/happy"));
        Path inClass = data.resolve("train/happy");
        assertOneLineError(
                FerAppTest.run("train", "--data", data.toString(), "--output", inClass.toString()),
                2,
                "--output " + inClass + " is inside --data " + data);
        assertOneLineError(
                FerAppTest.run("distribution", "--data", data.toString(), "--output", inClass.toString()),
                2,
                "--output " + inClass + " is inside --data " + data);
        assertOneLineError(
                FerAppTest.run("distribution", "--data", data.toString(), "--output", ""), 2, "--output is empty");
    }

    @Test
    void detectOnAFolderKeepsPhotosApartAndNamesTheirFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        ImageIO.write(photo(0, 200, 100), "png", folder.resolve("a.png").toFile());
        ImageIO.write(photo(4, 210, 110), "png", folder.resolve("b.png").toFile());
        Path jsonl = tmp.resolve("all.jsonl");
        Object[] r = FerAppTest.run(
                "detect", "--input", folder.toString(), "--no-display", "--smooth", "--json", jsonl.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        assertThat((String) r[1])
                .contains("a.png: 1 face(s)", "b.png: 1 face(s)")
                .doesNotContain("frame 1 (");
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(2);
        JsonNode second = JSON.readTree(lines.get(1)).get("faces").get(0);
        assertThat(second.get("track").asInt()).isEqualTo(1);

        // The second photo alone: smoothing across photos would have blended the first one into it.
        Path alone = tmp.resolve("alone.jsonl");
        Object[] one = FerAppTest.run(
                "detect", "--input", folder.resolve("b.png").toString(), "--no-display", "--json", alone.toString());
        assertThat(one[0]).as("stderr: %s", one[2]).isEqualTo(0);
        JsonNode reference =
                JSON.readTree(Files.readAllLines(alone).get(0)).get("faces").get(0);
        assertThat(second.get("probability").asDouble())
                .isCloseTo(reference.get("probability").asDouble(), within(1e-6));
        assertThat(second.get("emotion").asText())
                .isEqualTo(reference.get("emotion").asText());
    }

    @Test
    void detectWritesToAFifoAndToStandardOutputDirectly() throws Exception {
        Path image = tmp.resolve("one.png");
        ImageIO.write(photo(3, 200, 100), "png", image.toFile());
        Path fifo = tmp.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Object[] r = FerAppTest.run("detect", "--input", image.toString(), "--no-display", "--json", fifo.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        String read = reader.get(30, TimeUnit.SECONDS);
        assertThat(JSON.readTree(read).get("faces")).hasSize(1);
        assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo)).isTrue();

        Object[] stdout = FerAppTest.run("detect", "--input", image.toString(), "--no-display", "--json", "-");
        assertThat(stdout[0]).as("stderr: %s", stdout[2]).isEqualTo(0);
        List<String> out = lines(stdout[1]);
        assertThat(out).as("only JSON on standard output").hasSize(1);
        assertThat(JSON.readTree(out.get(0)).get("faces")).hasSize(1);
        assertThat((String) stdout[2]).contains("one.png: 1 face(s)");
    }

    @Test
    void detectPrintsTheRealCauseFirst() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full");
        Path image = tmp.resolve("one.png");
        ImageIO.write(photo(3, 200, 100), "png", image.toFile());
        Object[] r = FerAppTest.run("detect", "--input", image.toString(), "--no-display", "--json", "/dev/full");
        assertThat(r[0]).isEqualTo(1);
        List<String> err = lines(r[2]);
        assertThat(err.get(0)).contains("/dev/full");
        assertThat(String.join("\n", err)).contains("no output was completed");
        assertThat(err.get(0)).doesNotContain("no output was completed");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }
}
