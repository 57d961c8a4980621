// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.fer4j.core.internal.FaceFolder;
import org.fer4j.core.internal.ImageDecoding;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    /** The preprocessing with every step on, as models trained on the blurred split use it. */
    private static final Preprocessing LEGACY = Preprocessing.blurredTrainingSplit();

    @Test
    void optionalStepsRunOnlyWhenSelected() {
        java.util.Random random = new java.util.Random(5);
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                img.getRaster().setSample(x, y, 0, random.nextInt(100));
            }
        }
        float[] scaled = Preprocessing.resize(GreyImage.of(img).levels(), 48, 48);
        assertThat(Preprocessing.standard().toInput(img)).containsExactly(scaled);
        float[] equalised = Preprocessing.equalize(scaled);
        assertThat(Preprocessing.equalized().toInput(img)).containsExactly(equalised);
        assertThat(LEGACY.toInput(img))
                .containsExactly(SharpnessLimit.apply(equalised, Preprocessing.BLURRED_TRAINING_SHARPNESS));
        assertThatThrownBy(() -> Preprocessing.of(false, 0.03))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without equalisation");
    }

    @Test
    void describesItselfAndIsRebuiltFromTheDescription() {
        for (Preprocessing p : new Preprocessing[] {Preprocessing.standard(), Preprocessing.equalized(), LEGACY}) {
            assertThat(Preprocessing.fromDescription(p.describe())).isEqualTo(p);
        }
        assertThat(LEGACY.describe().get("version")).isEqualTo(2);
    }

    @Test
    void colourUsesBt601Weights() {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        fill(img, new Color(200, 100, 50));
        float expected = (0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f;
        float[] x = Preprocessing.resize(GreyImage.of(img).levels(), 48, 48);
        assertThat(x).hasSize(Preprocessing.PIXELS);
        for (float v : x) {
            assertThat(v).isCloseTo(expected, within(1e-5f));
        }
        // A flat image has no contrast to equalise: every pixel shares the middle rank.
        assertThat(LEGACY.toInput(img)).containsOnly(0.5f);
    }

    @Test
    void greyImagesAreReadAsStored() {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 128);
        float[] x = GreyImage.of(img).levels();
        // Java2D's getRGB would gamma-convert 128 to 55; the raster value must survive unchanged.
        assertThat(x[2 * 48 + 3]).isEqualTo(128f);
        assertThat(x[0]).isZero();
    }

    /** Golden test: a 96x96 checkerboard of 2x2 cells averages to mid grey; a 24x24 gradient interpolates. */
    @Test
    void goldenResize() {
        BufferedImage big = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                big.getRaster().setSample(x, y, 0, ((x / 2 + y / 2) % 2 == 0) ? 0 : 255);
            }
        }
        float[] down = Preprocessing.resize(GreyImage.of(big).levels(), 96, 96);
        // Each output pixel covers one 2x2 cell: alternating 0 and 1 exactly (area averaging).
        assertThat(down[0]).isEqualTo(0f);
        assertThat(down[1]).isEqualTo(1f);
        assertThat(down[48]).isEqualTo(1f);

        BufferedImage small = new BufferedImage(24, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 24; x++) {
            small.getRaster().setSample(x, 0, 0, x * 10);
        }
        float[] up = Preprocessing.resize(GreyImage.of(small).levels(), 24, 1);
        // Output x=2 has centre (2.5 * 0.5 - 0.5) = 0.75 in source pixels: 0.25*0 + 0.75*10 = 7.5.
        assertThat(up[2] * 255).isCloseTo(7.5f, within(1e-3f));
        assertThat(up[0] * 255).isCloseTo(0f, within(1e-3f));
        assertThat(up[47] * 255).isCloseTo(230f, within(1e-3f));
        // Every row is the same because the single source row is stretched.
        assertThat(up[47 * 48 + 2]).isEqualTo(up[2]);
    }

    @Test
    void handlesTinyLargeAndNonSquareImages() {
        BufferedImage tiny = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        tiny.setRGB(0, 0, 0xFFFFFF);
        assertThat(LEGACY.toInput(tiny)).containsOnly(0.5f);

        BufferedImage large = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        fill(large, Color.WHITE);
        Graphics2D lg = large.createGraphics();
        lg.setColor(Color.BLACK);
        lg.fillRect(0, 0, 2000, 3000);
        lg.dispose();
        float[] x = LEGACY.toInput(large);
        // Left half black, right half white: far from the edge the blur leaves 0 and 1, ranked low and high.
        assertThat(x[0]).isLessThan(0.5f);
        assertThat(x[47]).isGreaterThan(0.5f);

        BufferedImage wide = new BufferedImage(100, 30, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(50, 0, 50, 30);
        g.dispose();
        float[] w = LEGACY.toInput(wide);
        assertThat(w[0]).isLessThan(0.5f);
        assertThat(w[47]).isGreaterThan(0.5f);
        for (float v : w) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void equalisationIgnoresBrightnessAndContrast() {
        java.util.Random random = new java.util.Random(7);
        float[] img = new float[Preprocessing.PIXELS];
        for (int i = 0; i < img.length; i++) {
            img[i] = random.nextInt(256) / 255f;
        }
        float[] dim = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            dim[i] = 0.5f + 0.7f * (img[i] - 0.5f);
        }
        assertThat(Preprocessing.equalize(dim)).containsExactly(Preprocessing.equalize(img));
        float[] ramp = new float[Preprocessing.PIXELS];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i * 0.001f;
        }
        float[] eq = Preprocessing.equalize(ramp);
        assertThat(eq[0]).isZero();
        assertThat(eq[1]).isCloseTo(1f / 2303, within(1e-7f));
        assertThat(eq[2303]).isEqualTo(1f);
    }

    @Test
    void equalisationMatchesBruteForceMeanRanks() {
        java.util.Random random = new java.util.Random(11);
        float[] x = new float[Preprocessing.PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(40) / 7f - 2f + (i % 5 == 0 ? -0f : 0f);
        }
        float[] eq = Preprocessing.equalize(x);
        for (int i = 0; i < x.length; i += 37) {
            int below = 0;
            int equal = 0;
            for (float v : x) {
                below += v < x[i] ? 1 : 0;
                equal += v == x[i] ? 1 : 0;
            }
            assertThat(eq[i]).isCloseTo((below + (equal - 1) / 2f) / 2303, within(1e-6f));
        }
    }

    @Test
    void sharpImagesAreSmoothedToTheTargetAndSmoothOnesKept() {
        java.util.Random random = new java.util.Random(3);
        float[] noise = new float[Preprocessing.PIXELS];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextFloat();
        }
        float[] sharp = Preprocessing.equalize(noise);
        assertThat(SharpnessLimit.sharpness(sharp)).isGreaterThan(0.3);
        float[] out = SharpnessLimit.apply(sharp, Preprocessing.BLURRED_TRAINING_SHARPNESS);
        assertThat(SharpnessLimit.sharpness(out))
                .isLessThanOrEqualTo(Preprocessing.BLURRED_TRAINING_SHARPNESS)
                .isGreaterThan(Preprocessing.BLURRED_TRAINING_SHARPNESS * 0.9);
        float[] smooth = Preprocessing.equalize(SharpnessLimit.blur(noise, 6));
        assertThat(SharpnessLimit.apply(smooth, Preprocessing.BLURRED_TRAINING_SHARPNESS))
                .isSameAs(smooth);
    }

    @Test
    void blurKeepsTheMeanAndSpreadsAnImpulse() {
        float[] impulse = new float[Preprocessing.PIXELS];
        impulse[24 * 48 + 24] = 1f;
        float[] b = SharpnessLimit.blur(impulse, 4.0);
        double sum = 0;
        for (float v : b) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
        assertThat(b[24 * 48 + 20]).isEqualTo(b[24 * 48 + 28]);
        assertThat(b[20 * 48 + 24]).isEqualTo(b[24 * 48 + 20]);
        // One sigma away the Gaussian has fallen to exp(-1/2) of its peak.
        assertThat(b[24 * 48 + 28] / b[24 * 48 + 24]).isCloseTo((float) Math.exp(-0.5), within(1e-4f));
        assertThat(SharpnessLimit.blur(impulse, 0)).containsExactly(impulse);
    }

    @Test
    void encodedBytesAndDjlImagesGiveTheSameTensor() throws IOException {
        BufferedImage img = new BufferedImage(60, 50, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 77);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        float[] direct = LEGACY.toInput(img);
        assertThat(LEGACY.toInput(ImageDecoding.decode(png.toByteArray()))).containsExactly(direct);
        Image djl = BufferedImageFactory.getInstance().fromImage(img);
        assertThat(LEGACY.toInput(djl)).containsExactly(direct);
    }

    @Test
    void rejectsNullEmptyAndUndecodableInput() {
        assertThatThrownBy(() -> LEGACY.toInput(ImageDecoding.decode((byte[]) null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("encoded image bytes");
        assertThatThrownBy(() -> LEGACY.toInput((BufferedImage) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("image");
        assertThatThrownBy(() -> LEGACY.toInput(ImageDecoding.decode(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty");
        assertThatThrownBy(() ->
                        LEGACY.toInput(ImageDecoding.decode("hello, not an image".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a decodable image");
    }

    @Test
    void decodesWebpAndTiffThroughThePlugins() throws Exception {
        java.nio.file.Path jpeg = java.nio.file.Path.of(
                getClass().getResource("/happy_PublicTest_10248771.jpg").toURI());
        java.nio.file.Path webp = java.nio.file.Path.of(
                getClass().getResource("/happy_PublicTest_10248771.webp").toURI());
        BufferedImage fromJpeg = ImageDecoding.read(jpeg);
        BufferedImage fromWebp = ImageDecoding.decode(java.nio.file.Files.readAllBytes(webp));
        assertThat(fromWebp.getWidth()).isEqualTo(48);
        float[] a = GreyImage.of(fromJpeg).levels();
        float[] b = GreyImage.of(fromWebp).levels();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff += Math.abs(a[i] - b[i]) / a.length;
        }
        assertThat(diff).as("mean grey difference of the lossy WebP copy").isLessThan(8);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        assertThat(ImageIO.write(fromJpeg, "tiff", tiff)).isTrue();
        assertThat(GreyImage.of(ImageDecoding.decode(tiff.toByteArray())).levels())
                .containsExactly(a);
    }

    /** A 100-byte PNG that claims 30000x30000 pixels is refused from its header, before any decoding. */
    @Test
    void refusesImagesLargerThanThePixelLimitFromTheHeader() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", png);
        byte[] bytes = png.toByteArray();
        // IHDR data starts at byte 16 (8-byte signature, 4-byte length, "IHDR"); its CRC follows 13 bytes of data.
        java.nio.ByteBuffer.wrap(bytes, 16, 8).putInt(30000).putInt(30000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 12, 17);
        java.nio.ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        assertThatThrownBy(() -> ImageDecoding.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("30000x30000")
                .hasMessageContaining("fer4j.maxImagePixels");
    }

    /** Folders take WebP and TIFF files, and a WebP file named .jpg is decoded by its content. */
    @Test
    void imageFoldersReadWebpAndTiffWhateverTheirExtension(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] webp = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                getClass().getResource("/happy_PublicTest_10248771.webp").toURI()));
        java.nio.file.Path happy = java.nio.file.Files.createDirectories(dir.resolve("happy"));
        java.nio.file.Path sad = java.nio.file.Files.createDirectories(dir.resolve("sad"));
        java.nio.file.Files.write(happy.resolve("a.webp"), webp);
        java.nio.file.Files.write(happy.resolve("b.jpg"), webp);
        ImageIO.write(
                new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY),
                "tiff",
                sad.resolve("c.tif").toFile());
        FaceFolder folder = FaceFolder.load(dir, Preprocessing.standard());
        assertThat(folder.size()).isEqualTo(3);
        assertThat(folder.skipped()).isEmpty();
    }

    private static void fill(BufferedImage img, Color c) {
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
    }
}
