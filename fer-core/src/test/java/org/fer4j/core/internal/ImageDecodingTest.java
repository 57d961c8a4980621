// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one decoding home: formats, EXIF orientation, the pixel limit from the header, and file caps (issue 23). */
class ImageDecodingTest {

    @TempDir
    Path tmp;

    /** A 40x20 grey image, black but for a white 10x5 block in its top-left corner. */
    static BufferedImage marked() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 10; x++) {
                img.getRaster().setSample(x, y, 0, 255);
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out))
                .as("ImageIO writes %s", format)
                .isTrue();
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry) that holds {@code orientation}. */
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
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        // After the JFIF APP0 segment, which readers expect first.
        int app0End = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(jpeg, app0End, jpeg.length - app0End);
        return out.toByteArray();
    }

    /** A tiny PNG whose header claims {@code width} x {@code height} pixels. */
    static byte[] pngClaiming(int width, int height) throws IOException {
        byte[] bytes = encode(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png");
        // IHDR data starts at byte 16 (8-byte signature, 4-byte length, "IHDR"); its CRC follows 13 bytes of data.
        ByteBuffer.wrap(bytes, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        return bytes;
    }

    /** Where the white block's centre ends up, as (x, y). */
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
        assertThat(n).as("white pixels").isPositive();
        return new int[] {(int) (sx / n), (int) (sy / n)};
    }

    @Test
    void aPhoneJpegWithOrientationSixIsTurnedUprightByDecode() throws IOException {
        byte[] jpeg = jpegWithOrientation(marked(), 6);
        assertThat(ImageDecoding.probe(jpeg)).isEqualTo(new ImageDecoding.Header("jpeg", 40, 20, 6));
        BufferedImage upright = ImageDecoding.decode(jpeg);
        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(upright.getHeight()).isEqualTo(40);
        // A quarter turn clockwise takes the top-left corner to the top-right one.
        int[] c = whiteCentre(upright);
        assertThat(c[0]).isGreaterThan(14);
        assertThat(c[1]).isLessThan(10);
        // The same through a file, and through decoding then preprocessing.
        Path file = Files.write(tmp.resolve("phone.jpg"), jpeg);
        assertThat(ImageDecoding.read(file).getWidth()).isEqualTo(20);
        Preprocessing plain = Preprocessing.standard();
        assertThat(plain.toInput(ImageDecoding.decode(jpeg))).containsExactly(plain.toInput(upright));
        assertThat(ImageDecoding.probe(encode(marked(), "jpeg")).orientation()).isEqualTo(1);
    }

    @Test
    void everyOrientationMovesPixelsAsExifDefines() {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                img.setRGB(x, y, (x * 40) << 16 | (y * 80) << 8 | (x + y));
            }
        }
        int w = 5;
        int h = 3;
        for (int o = 1; o <= 8; o++) {
            BufferedImage out = ImageDecoding.orient(img, o);
            assertThat(out.getWidth()).as("width, orientation %d", o).isEqualTo(o >= 5 ? h : w);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Where stored pixel (x, y) is shown, by the EXIF definition of each orientation.
                    int[] to = switch (o) {
                        case 1 -> new int[] {x, y};
                        case 2 -> new int[] {w - 1 - x, y};
                        case 3 -> new int[] {w - 1 - x, h - 1 - y};
                        case 4 -> new int[] {x, h - 1 - y};
                        case 5 -> new int[] {y, x};
                        case 6 -> new int[] {h - 1 - y, x};
                        case 7 -> new int[] {h - 1 - y, w - 1 - x};
                        default -> new int[] {y, w - 1 - x};
                    };
                    assertThat(out.getRGB(to[0], to[1]))
                            .as("orientation %d, pixel %d,%d", o, x, y)
                            .isEqualTo(img.getRGB(x, y));
                }
            }
        }
        assertThatThrownBy(() -> ImageDecoding.orient(img, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderInUnderASecond() throws IOException {
        byte[] bomb = pngClaiming(30000, 30000);
        // CPU time of this thread, not wall time: the machine may be busy with other work.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        assertThatThrownBy(() -> ImageDecoding.decode(bomb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000x30000")
                .hasMessageContaining("fer4j.maxImagePixels")
                .hasMessageNotContaining("\n");
        Path file = Files.write(tmp.resolve("huge.png"), bomb);
        assertThatThrownBy(() -> ImageDecoding.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": Image too large");
        assertThat((threads.getCurrentThreadCpuTime() - start) / 1e9)
                .as("CPU seconds")
                .isLessThan(1.0);
    }

    @Test
    void realPhotoSizesPassThePixelLimit() throws IOException {
        assertThat(ImageDecoding.maxPixels()).isGreaterThanOrEqualTo(100_000_000L);
        // An 8000x6000 (48 MP) photo and a 108 MP phone photo are within it; only the header is read here.
        assertThat(ImageDecoding.probe(pngClaiming(8000, 6000)).pixels()).isEqualTo(48_000_000L);
        assertThat(ImageDecoding.probe(pngClaiming(12000, 9000)).pixels()).isEqualTo(108_000_000L);
    }

    @Test
    void gifIsReadAsItsFirstFrameAndEveryListedFormatDecodes() throws IOException {
        BufferedImage img = marked();
        for (String format : new String[] {"gif", "png", "bmp", "jpeg", "tiff", "webp"}) {
            if (format.equals("webp")) {
                continue; // The WebP plugin only reads; the bundled test face covers it in PreprocessingTest.
            }
            BufferedImage back = ImageDecoding.decode(encode(img, format));
            assertThat(back.getWidth()).as(format).isEqualTo(40);
            assertThat(ImageDecoding.probe(encode(img, format)).format()).isEqualTo(format);
        }
        assertThat(ImageDecoding.FORMATS).contains("gif", "webp", "tiff");
        assertThat(ImageDecoding.isImageName(Path.of("a/B.GIF"))).isTrue();
        assertThat(ImageDecoding.isImageName(Path.of("a/b.pgm"))).isFalse();
    }

    @Test
    void foldersMissingFilesAndNonImagesGiveOneLineReasonsWithThePathOnce() throws IOException {
        assertThatThrownBy(() -> ImageDecoding.read(tmp))
                .isInstanceOf(IOException.class)
                .hasMessage(tmp + ": is a folder, not an image file");
        Path missing = tmp.resolve("missing.jpg");
        assertThatThrownBy(() -> ImageDecoding.read(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such image file");
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "hello, not an image");
        assertThatThrownBy(() -> ImageDecoding.read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(text + ": Not a decodable image (19 bytes")
                .satisfies(e -> assertThat(e.getMessage().split(java.util.regex.Pattern.quote(text.toString()), -1))
                        .as("path once")
                        .hasSize(2));
    }

    @Test
    void jsonFilesAreCappedBeforeReading() throws IOException {
        Path big = tmp.resolve("model.json");
        try (var out = Files.newOutputStream(big)) {
            out.write('"');
            out.write(new byte[(int) FileCaps.MAX_JSON_BYTES]);
        }
        // CPU time of this thread, not wall time: the machine may be busy with other work.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        assertThatThrownBy(() -> FileCaps.readJson(big))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(big + ": too large")
                .hasMessageContaining("8 MiB");
        assertThatThrownBy(() -> ModelInfo.read(tmp))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(big + ": too large");
        assertThat((threads.getCurrentThreadCpuTime() - start) / 1e9)
                .as("CPU seconds")
                .isLessThan(1.0);
    }
}
