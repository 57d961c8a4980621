// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.djl.MalformedModelException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Damaged JPEG, PNG, WebP and TIFF bytes through {@link EmotionClassifier#predict(byte[])}, as a service taking uploads
 * would see them: each case gives a prediction or the documented {@link IllegalArgumentException} with a
 * message, never another exception and never a hang. The mutations are drawn from fixed seeds, so a
 * failure names a case that can be run again.
 */
class EncodedImageFuzzTest {

    /** Cases per seed image: eleven seeds make about 400 (a longer run: {@code -Dsurefire.extra=-Dfuzz.cases=600}). */
    private static final int CASES = Integer.getInteger("fuzz.cases", 36);
    /** Far above the milliseconds a case takes: only a decoder caught in a loop reaches it. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private static EmotionClassifier fer;

    @BeforeAll
    static void load() throws MalformedModelException {
        fer = EmotionClassifier.loadDefault();
    }

    @AfterAll
    static void close() {
        fer.close();
    }

    /**
     * The undamaged images: a FER-2013 face file as JPEG and WebP, and the layouts ImageIO writes (baseline
     * and progressive JPEG; grey, colour with alpha, indexed and 16-bit PNG; TIFF in three compressions).
     */
    private static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        try (InputStream in =
                EncodedImageFuzzTest.class.getResourceAsStream("/sample70/happy/PublicTest_10248771.jpg")) {
            seeds.put("face.jpg", in.readAllBytes());
        }
        seeds.put("colour.jpg", encode(TestModels.image(1, 64, 48), "jpg", false));
        seeds.put("progressive.jpg", encode(TestModels.image(2, 56, 64), "jpg", true));
        seeds.put("grey.png", encode(convert(TestModels.image(3, 48, 48), BufferedImage.TYPE_BYTE_GRAY), "png", false));
        seeds.put("rgba.png", encode(convert(TestModels.image(4, 40, 56), BufferedImage.TYPE_INT_ARGB), "png", false));
        seeds.put(
                "palette.png",
                encode(convert(TestModels.image(5, 48, 40), BufferedImage.TYPE_BYTE_INDEXED), "png", false));
        try (InputStream in = EncodedImageFuzzTest.class.getResourceAsStream("/happy_PublicTest_10248771.webp")) {
            seeds.put("face.webp", in.readAllBytes());
        }
        seeds.put("lzw.tif", encodeTiff(TestModels.image(7, 40, 40), "LZW"));
        seeds.put(
                "deflate.tif",
                encodeTiff(convert(TestModels.image(8, 48, 32), BufferedImage.TYPE_BYTE_GRAY), "Deflate"));
        seeds.put("packbits.tif", encodeTiff(TestModels.image(9, 24, 48), "PackBits"));
        seeds.put(
                "grey16.png",
                encode(convert(TestModels.image(6, 32, 48), BufferedImage.TYPE_USHORT_GRAY), "png", false));
        return seeds;
    }

    @Test
    void damagedImagesGiveAPredictionOrAnIllegalArgumentExceptionWithAMessage() throws IOException {
        List<String> failures = new ArrayList<>();
        int predicted = 0;
        int rejected = 0;
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            // The undamaged seed must decode, or the cases below would test nothing but rejection.
            assertThat(fer.predict(seed.getValue()).probabilities()).hasSize(7);
            for (int c = 0; c < CASES; c++) {
                Random random = new Random(seed.getKey().hashCode() * 1_000L + c);
                StringBuilder how = new StringBuilder();
                byte[] damaged = mutate(seed.getValue(), random, how);
                // Up to two more mutations on top, as real damage seldom stops at one.
                for (int more = random.nextInt(3); more > 0 && damaged.length > 0; more--) {
                    damaged = mutate(damaged, random, how.append("; "));
                }
                byte[] bytes = damaged;
                String name = seed.getKey() + " case " + c + " (" + how + ")";
                try {
                    EmotionPrediction p = assertTimeoutPreemptively(HANG, () -> fer.predict(bytes), name + " hung");
                    float sum = 0;
                    for (float v : p.probabilities()) {
                        sum += v;
                    }
                    if (!(Math.abs(sum - 1) < 1e-3)) {
                        failures.add(name + ": probabilities sum to " + sum);
                    }
                    predicted++;
                } catch (IllegalArgumentException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        failures.add(name + ": IllegalArgumentException without a message");
                    }
                    rejected++;
                } catch (AssertionFailedError e) {
                    throw e;
                } catch (Throwable e) {
                    failures.add(name + ": " + e);
                }
            }
        }
        assertThat(failures).isEmpty();
        // Both outcomes occur, so the mutations neither all spoil the header nor all miss the data.
        assertThat(predicted).isPositive();
        assertThat(rejected).isPositive();
    }

    /**
     * Returns a damaged copy of {@code bytes}: flipped bits, a damaged header byte, a new image size in the
     * header, a truncation, a run of random bytes, or a run removed or repeated; {@code how} gets a short
     * description.
     */
    static byte[] mutate(byte[] bytes, Random random, StringBuilder how) {
        byte[] b = bytes.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                how.append(flips).append(" bit flips");
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                // Where the sizes, chunk lengths and segment markers are.
                int span = Math.min(b.length, 80);
                int at = random.nextInt(span);
                byte[] values = {0, (byte) 0xFF, 0x7F, (byte) 0x80, (byte) random.nextInt(256)};
                how.append("header byte ").append(at);
                b[at] = values[random.nextInt(values.length)];
            }
            case 5 -> {
                // The image size in the header: a PNG's IHDR, or a JPEG's start of frame.
                int at = sizeField(b);
                if (at < 0) {
                    return mutate(bytes, random, how);
                }
                int width = 1 + random.nextInt(random.nextBoolean() ? 64 : 8000);
                int height = 1 + random.nextInt(random.nextBoolean() ? 64 : 8000);
                how.append("size set to ").append(width).append('x').append(height);
                if (b[0] == (byte) 0x89) {
                    ByteBuffer.wrap(b, at, 8).putInt(width).putInt(height);
                } else {
                    ByteBuffer.wrap(b, at, 4).putShort((short) height).putShort((short) width);
                }
            }
            case 2 -> {
                int keep = random.nextInt(b.length);
                how.append("truncated to ").append(keep).append(" bytes");
                b = Arrays.copyOf(b, keep);
            }
            case 3 -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(32));
                how.append(len).append(" random bytes at ").append(at);
                for (int i = at; i < at + len; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int at = random.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + random.nextInt(64));
                boolean remove = random.nextBoolean();
                how.append(len)
                        .append(remove ? " bytes removed at " : " bytes repeated at ")
                        .append(at);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, remove ? at : at + len);
                out.write(b, at, b.length - at);
                b = out.toByteArray();
            }
        }
        return b;
    }

    /** Returns where a PNG's or a JPEG's width and height are stored, or -1 for other formats. */
    private static int sizeField(byte[] b) {
        if (b.length >= 24 && b[0] == (byte) 0x89 && b[1] == 'P') {
            return 16;
        }
        for (int i = 2; b.length >= 4 && b[0] == (byte) 0xFF && b[1] == (byte) 0xD8 && i + 9 <= b.length; i++) {
            if (b[i] == (byte) 0xFF && (b[i + 1] == (byte) 0xC0 || b[i + 1] == (byte) 0xC2)) {
                return i + 5;
            }
        }
        return -1;
    }

    private static byte[] encodeTiff(BufferedImage image, String compression) throws IOException {
        return encode(image, "tiff", param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
        });
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        out.createGraphics().drawImage(image, 0, 0, null);
        return out;
    }

    private static byte[] encode(BufferedImage image, String format, boolean progressive) throws IOException {
        return encode(image, format, param -> {
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
        });
    }

    private static byte[] encode(BufferedImage image, String format, Consumer<ImageWriteParam> settings)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
