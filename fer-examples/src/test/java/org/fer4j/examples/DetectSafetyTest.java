// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.fer4j.camera.internal.SyntheticVideo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer detect} never overwrites its inputs, leaves no broken files, and names what it wrote (issue 13). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DetectSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Writes a 320x240 video at 25 fps with one bundled sample face in every frame. */
    private static Path video(Path file, int frames) throws IOException {
        BufferedImage face = SampleFaces.load().get(3).image();
        SyntheticVideo.write(
                file, 320, 240, 25, frames, i -> List.of(new SyntheticVideo.Placement(face, 80 + i % 10, 40, 150)));
        return file;
    }

    /** The file names in {@code folder}, sorted, hidden (temporary) ones included. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs {@code fer detect} with a model folder that does not exist, so only checks made before loading pass. */
    private Object[] detectWithoutModel(String... args) {
        List<String> all = new ArrayList<>(
                List.of("detect", "--model", tmp.resolve("no-model").toString(), "--no-display"));
        all.addAll(Arrays.asList(args));
        return FerAppTest.run(all.toArray(String[]::new));
    }

    private void assertUsageError(Object[] result, String first, String second) {
        assertThat(result[0]).as("exit code; stderr: %s", result[2]).isEqualTo(2);
        String err = ((String) result[2]).strip();
        assertThat(err).as("one line").doesNotContain("\n").contains(first, second);
    }

    @Test
    void anOutputThatIsAnInputOrAnotherOutputIsAUsageErrorFoundBeforeTheModelLoads() throws Exception {
        Path input = video(tmp.resolve("same.mp4"), 3);
        byte[] original = Files.readAllBytes(input);
        String same = input.toString();

        assertUsageError(detectWithoutModel("--input", same, "--output", same), same, same);
        // The same file reached by another spelling or through a symbolic link.
        Path other = tmp.resolve("sub/../same.mp4");
        Files.createDirectories(tmp.resolve("sub"));
        assertUsageError(detectWithoutModel("--input", same, "--output", other.toString()), same, other.toString());
        Path link = Files.createSymbolicLink(tmp.resolve("link.mp4"), input);
        assertUsageError(detectWithoutModel("--input", link.toString(), "--output", same), link.toString(), same);
        assertThat(Files.readAllBytes(input)).isEqualTo(original);

        Path image = tmp.resolve("photo.png");
        ImageIO.write(SampleFaces.load().get(0).image(), "png", image.toFile());
        byte[] photo = Files.readAllBytes(image);
        assertUsageError(
                detectWithoutModel("--input", image.toString(), "--output", image.toString()),
                image.toString(),
                image.toString());
        assertThat(Files.readAllBytes(image)).isEqualTo(photo);

        String o = tmp.resolve("o.mp4").toString();
        assertUsageError(detectWithoutModel("--input", same, "--output", o, "--json", o), o, o);
        // Side files written next to the annotated video count as outputs too.
        String x = tmp.resolve("X.mp4").toString();
        String summary = tmp.resolve("X-summary.csv").toString();
        String timeline = tmp.resolve("X-timeline.png").toString();
        assertUsageError(detectWithoutModel("--input", same, "--output", x, "--json", summary), summary, x);
        assertUsageError(detectWithoutModel("--input", same, "--output", x, "--json", timeline), timeline, x);

        Path faces = Files.createDirectory(tmp.resolve("faces"));
        SampleFaces.extractTo(faces);
        String inside = faces.resolve("annotated").toString();
        assertUsageError(detectWithoutModel("--input", faces.toString(), "--output", inside), faces.toString(), inside);
        assertUsageError(
                detectWithoutModel("--input", faces.toString(), "--output", faces.toString()),
                faces.toString(),
                faces.toString());
        assertThat(faces.resolve("annotated")).doesNotExist();

        // Paths that differ pass the check and fail only later, when the missing model is loaded.
        Object[] fine = detectWithoutModel(
                "--input",
                faces.toString(),
                "--output",
                tmp.resolve("annotated").toString(),
                "--json",
                faces.resolve("faces.jsonl").toString());
        assertThat(fine[0]).isEqualTo(1);
        assertThat((String) fine[2]).contains("no-model");
        assertThat(names(tmp)).containsExactly("faces", "link.mp4", "photo.png", "same.mp4", "sub");
    }

    @Test
    void aVideoWithoutDecodableFramesFailsAndWritesNothing() throws Exception {
        Path broken = undecodable(
                video(Files.createDirectories(tmp.resolve("src")).resolve("v.mp4"), 10), tmp.resolve("broken.mp4"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Object[] r = FerAppTest.run(
                "detect",
                "--input",
                broken.toString(),
                "--no-display",
                "--output",
                out.resolve("o.mp4").toString(),
                "--json",
                out.resolve("o.jsonl").toString());
        assertThat(r[0]).as("exit code; stdout: %s", r[1]).isEqualTo(1);
        assertThat((String) r[2]).contains("no frame", broken.toString());
        assertThat((String) r[1]).doesNotContain("annotated output in");
        assertThat(names(out))
                .as("no video, empty JSON lines, header-only CSV or empty chart")
                .isEmpty();

        Path unreadable = Files.createDirectory(tmp.resolve("unreadable"));
        Files.writeString(unreadable.resolve("a.jpg"), "not a JPEG");
        Files.writeString(unreadable.resolve("b.png"), "not a PNG");
        Object[] folder = FerAppTest.run(
                "detect",
                "--input",
                unreadable.toString(),
                "--no-display",
                "--output",
                out.resolve("annotated").toString(),
                "--json",
                out.resolve("f.jsonl").toString());
        assertThat(folder[0]).isEqualTo(1);
        assertThat((String) folder[2])
                .contains(
                        unreadable.resolve("a.jpg") + ": not a decodable image",
                        unreadable.resolve("b.png") + ": not a decodable image",
                        "no frame",
                        "2 unreadable");
        assertThat(names(out))
                .as("no empty annotated folder, no empty JSON lines")
                .isEmpty();
    }

    @Test
    void aFolderRunNamesEachOutputAfterItsSourceAndReportsUnreadableImages() throws Exception {
        Path faces = Files.createDirectory(tmp.resolve("faces"));
        List<SampleFaces.Sample> samples = SampleFaces.load();
        List<String> sources = new ArrayList<>();
        for (SampleFaces.Sample s : samples.subList(0, 3)) {
            // The detector needs a face with some margin at a size it looks for.
            BufferedImage canvas = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = canvas.createGraphics();
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(0, 0, 300, 300);
            g.drawImage(s.image(), 60, 60, 180, 180, null);
            g.dispose();
            String stem = s.fileName().replace(".jpg", "");
            ImageIO.write(canvas, "jpg", faces.resolve(stem + ".jpg").toFile());
            sources.add(stem + ".jpg");
            if (sources.size() == 1) {
                ImageIO.write(canvas, "png", faces.resolve(stem + ".png").toFile());
                sources.add(stem + ".png");
            }
        }
        Files.writeString(faces.resolve("broken.jpg"), "not a JPEG");
        sources.sort(null);
        Path out = tmp.resolve("annotated");
        Path jsonl = tmp.resolve("faces.jsonl");
        Object[] r = FerAppTest.run(
                "detect",
                "--input",
                faces.toString(),
                "--no-display",
                "--output",
                out.toString(),
                "--json",
                jsonl.toString());
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);

        List<String> expected = new ArrayList<>();
        for (String source : sources) {
            String stem = source.substring(0, source.lastIndexOf('.'));
            expected.add(source.endsWith(".png") ? stem + "-png-annotated.png" : stem + "-annotated.png");
        }
        expected.sort(null);
        assertThat(names(out)).isEqualTo(expected);
        List<String> named = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            named.add(JSON.readTree(line).get("source").asText());
        }
        assertThat(named).isEqualTo(sources);
        // The console names each image by its file, as the JSON lines do, rather than by a frame number.
        List<String> printed = ((String) r[1])
                .lines()
                .filter(l -> l.contains(" face(s)"))
                .map(l -> l.substring(0, l.indexOf(": ")))
                .toList();
        assertThat(printed).isEqualTo(sources);
        assertThat((String) r[2]).contains(faces.resolve("broken.jpg").toString() + ": not a decodable image");
        assertThat((String) r[1]).contains("1 unreadable");
    }

    @Test
    void sigtermFinishesTheOutputsItCanAndLeavesNoBrokenOrTemporaryFile() throws Exception {
        assumeTrue(
                !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"),
                "Process.destroy() sends SIGTERM (which runs shutdown hooks) only on Unix-like systems");
        Path input = video(Files.createDirectories(tmp.resolve("src")).resolve("long.mp4"), 300);
        Path out = Files.createDirectories(tmp.resolve("out"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                "-Djava.awt.headless=true",
                "org.fer4j.examples.FerApp",
                "detect",
                "--input",
                input.toString(),
                "--no-display",
                "--output",
                out.resolve("o.mp4").toString(),
                "--json",
                out.resolve("o.jsonl").toString());
        pb.environment().put("FER_NO_RELAUNCH", "1");
        // Files, not pipes: Process.destroy() closes the pipes, and the output after the signal is what we check.
        Path stdoutFile = tmp.resolve("stdout.txt");
        Path stderrFile = tmp.resolve("stderr.txt");
        pb.redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(stdoutFile).contains("\nframe 5 ") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(p.isAlive())
                .as("still running when signalled: %s", Files.readString(stderrFile))
                .isTrue();
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = Files.readString(stdoutFile);
        String err = Files.readString(stderrFile);
        assertThat(stdout).as("stderr: %s", err).contains("Interrupted");

        assertThat(names(out))
                .as("no temporary file left")
                .containsExactly("o-summary.csv", "o-timeline.png", "o.jsonl", "o.mp4");
        BufferedImage chart = ImageIO.read(out.resolve("o-timeline.png").toFile());
        assertThat(chart).as("timeline chart").isNotNull();
        assertThat(chart.getWidth()).isEqualTo(1000);
        assertThat(Files.readAllLines(out.resolve("o-summary.csv"))).hasSizeGreaterThan(1);
        List<String> lines = Files.readAllLines(out.resolve("o.jsonl"));
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("faces")).isNotNull();
        }
        int frames = 0;
        try (FFmpegFrameGrabber grabber =
                new FFmpegFrameGrabber(out.resolve("o.mp4").toFile())) {
            grabber.start();
            for (Frame f = grabber.grabImage(); f != null; f = grabber.grabImage()) {
                frames++;
            }
            grabber.stop();
        }
        assertThat(frames).isEqualTo(lines.size()).isBetween(6, 299);
        for (String name : List.of("o.mp4", "o-summary.csv", "o-timeline.png", "o.jsonl")) {
            assertThat(stdout).as("the completed outputs are named").contains(name);
        }
    }

    /** Copies {@code video} with its picture data zeroed: FFmpeg finds the video stream but decodes no frame. */
    private static Path undecodable(Path video, Path target) throws IOException {
        byte[] bytes = Files.readAllBytes(video);
        for (int i = 0; i + 8 <= bytes.length; i++) {
            if (bytes[i + 4] == 'm' && bytes[i + 5] == 'd' && bytes[i + 6] == 'a' && bytes[i + 7] == 't') {
                int size = ((bytes[i] & 255) << 24)
                        | ((bytes[i + 1] & 255) << 16)
                        | ((bytes[i + 2] & 255) << 8)
                        | (bytes[i + 3] & 255);
                Arrays.fill(bytes, i + 8, Math.min(bytes.length, i + size), (byte) 0);
                return Files.write(target, bytes);
            }
        }
        throw new IOException("No mdat box in " + video);
    }
}
