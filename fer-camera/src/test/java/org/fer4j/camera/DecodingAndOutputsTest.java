// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.internal.ImageDecoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** OpenCV decoding through fer-core's home, special output files, and photos kept apart (issue 23). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecodingAndOutputsTest {

    @TempDir
    Path dir;

    /** A 40x20 image, black but for a white 10x5 block in its top-left corner. */
    private static BufferedImage marked() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 10; x++) {
                img.setRGB(x, y, 0xFFFFFF);
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment holding {@code orientation}, as a phone writes a sideways photo. */
    static byte[] jpegWithOrientation(BufferedImage img, int orientation) throws IOException {
        byte[] jpeg = encode(img, "jpeg");
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

    private static int[] whiteCentre(BufferedImage img) {
        long sx = 0;
        long sy = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) > 128) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new int[] {(int) (sx / n), (int) (sy / n)};
    }

    @Test
    void openCvDecodingAppliesTheSameExifOrientationAsImageIo() throws IOException {
        for (int orientation : new int[] {3, 6, 8}) {
            byte[] jpeg = jpegWithOrientation(marked(), orientation);
            BufferedImage viaImageIo = ImageDecoding.decode(jpeg);
            BufferedImage viaOpenCv;
            try (Mat m = Mats.decode(jpeg)) {
                viaOpenCv = Mats.toImage(m);
            }
            assertThat(viaOpenCv.getWidth())
                    .as("width, orientation %d", orientation)
                    .isEqualTo(viaImageIo.getWidth());
            assertThat(viaOpenCv.getHeight()).isEqualTo(viaImageIo.getHeight());
            int[] a = whiteCentre(viaImageIo);
            int[] b = whiteCentre(viaOpenCv);
            assertThat(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]))
                    .as("block position, orientation %d", orientation)
                    .isLessThanOrEqualTo(1);
        }
        // Orientation 6 is a quarter turn clockwise: the top-left block ends at the top right.
        try (Mat m = Mats.decode(jpegWithOrientation(marked(), 6))) {
            assertThat(m.cols()).isEqualTo(20);
            assertThat(m.rows()).isEqualTo(40);
            int[] c = whiteCentre(Mats.toImage(m));
            assertThat(c[0]).isGreaterThan(14);
            assertThat(c[1]).isLessThan(10);
        }
    }

    @Test
    void gifIsDecodedOnTheOpenCvPathToo() throws IOException {
        try (Mat m = Mats.decode(encode(marked(), "gif"))) {
            assertThat(m.cols()).isEqualTo(40);
            assertThat(m.channels()).isEqualTo(3);
        }
    }

    @Test
    void aDecompressionBombIsRefusedBeforeOpenCvDecodesIt() throws IOException {
        byte[] png = encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png");
        ByteBuffer.wrap(png, 16, 8).putInt(30000).putInt(30000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        // CPU time of this thread, not wall time: the machine may be busy with other work.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        assertThatThrownBy(() -> Mats.decode(png))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000x30000");
        Path file = Files.write(dir.resolve("huge.png"), png);
        assertThatThrownBy(() -> ImageFilesInput.openImage(file).next())
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read image " + file + ": image too large");
        assertThat((threads.getCurrentThreadCpuTime() - start) / 1e9)
                .as("CPU seconds")
                .isLessThan(1.0);
    }

    @Test
    void imageFoldersReadEveryListedFormatAndGiveReasonsForTheRest() throws IOException {
        Files.write(dir.resolve("a.gif"), encode(marked(), "gif"));
        Files.write(dir.resolve("b.tiff"), encode(marked(), "tiff"));
        Files.write(dir.resolve("c.jpg"), jpegWithOrientation(marked(), 6));
        Files.writeString(dir.resolve("d.png"), "not a png");
        Files.writeString(dir.resolve("notes.txt"), "not listed at all");
        try (ImageFilesInput in = ImageFilesInput.openFolder(dir)) {
            assertThat(in.next().cols()).isEqualTo(40);
            assertThat(in.next().cols()).isEqualTo(40);
            assertThat(in.next().cols()).as("turned upright").isEqualTo(20);
            assertThat(in.next()).isNull();
            assertThat(in.skipped()).hasSize(1);
            assertThat(in.skipped().get(0).reason())
                    .startsWith("not a decodable image")
                    .doesNotContain(dir.toString());
        }
        assertThatThrownBy(() -> ImageFilesInput.openImage(dir))
                .isInstanceOf(IOException.class)
                .hasMessage("Cannot read image " + dir + ": it is a folder, not an image file");
    }

    @Test
    void outputFormatsAreCheckedWhenTheSinkIsMade() {
        assertThatThrownBy(() -> FrameSink.annotatedImage(dir.resolve("out.xyz")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out.xyz")
                .hasMessageNotContaining("OpenCV(");
        assertThatThrownBy(() -> FrameSink.annotatedVideo(dir.resolve("out.notavideo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out.notavideo");
        assertThatThrownBy(() -> FrameSink.annotatedVideo(Path.of("-"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(FrameSink.annotatedImage(dir.resolve("out.png"))).isNotNull();
        assertThat(FrameSink.annotatedVideo(dir.resolve("out.mp4"))).isNotNull();
    }

    @Test
    void aFifoTargetIsWrittenDirectlyAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        assertThat(OutputFile.isDirect(fifo)).isTrue();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        OutputFile out = OutputFile.create(fifo, true);
        try (var stream = out.open()) {
            stream.write("{\"frame\":0}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.commit()).isEqualTo(fifo);
        out.discard();
        assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("{\"frame\":0}\n");
        assertThat(Files.isRegularFile(fifo)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file beside it").containsExactly(fifo);
        }
    }

    @Test
    void aDeviceTargetIsNeverReplacedOrDeleted() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull));
        OutputFile out = OutputFile.create(devNull, false);
        assertThat(out.direct()).isTrue();
        try (var stream = out.open()) {
            stream.write(1);
        }
        out.commit();
        out.discard();
        assertThat(Files.exists(devNull)).isTrue();
        assertThat(Files.isRegularFile(devNull)).isFalse();
    }

    @Test
    void photosStartTheirTracksAfresh() {
        FaceDetection face = new FaceDetection(new FaceBox(10, 10, 50, 50), 0.9, java.util.Optional.empty());
        FaceTracker video = new FaceTracker(4);
        FaceTracker stills = FaceTracker.forStills();
        video.update(List.of(face));
        stills.update(List.of(face));
        List<FaceTracker.Assignment> nextFrame = video.update(
                List.of(face, new FaceDetection(new FaceBox(200, 10, 50, 50), 0.9, java.util.Optional.empty())));
        List<FaceTracker.Assignment> nextPhoto = stills.update(
                List.of(new FaceDetection(new FaceBox(200, 10, 50, 50), 0.9, java.util.Optional.empty()), face));
        // In a video the same place is the same face (track 1, not classified again); in photos it is not.
        assertThat(nextFrame.get(0).track()).isEqualTo(1);
        assertThat(nextPhoto).extracting(FaceTracker.Assignment::track).containsExactly(1, 2);
        assertThat(nextPhoto).allMatch(FaceTracker.Assignment::classify);
    }
}
