// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.fer4j.core.Preprocessing;

/**
 * What cameras, lenses and files do to a face that FER-2013's crops rarely show: exposure (gamma), blur
 * (focus, motion, a small face scaled up), sensor noise and JPEG compression. Each is applied to half of
 * the images, at a random strength up to its setting, so the network also keeps seeing clean faces.
 * Works in place on 48x48 images with values in [0, 1].
 */
final class PhotoDegradation {

    private PhotoDegradation() {}

    /** Raises every pixel to a power in {@code [1 / (1 + amount), 1 + amount]}, spread evenly in log scale. */
    static void gamma(float[] img, float amount, Random random) {
        if (amount > 0 && random.nextBoolean()) {
            double power = Math.exp((random.nextDouble() * 2 - 1) * Math.log1p(amount));
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) Math.pow(img[i], power);
            }
        }
    }

    /** Blurs with a Gaussian of standard deviation up to {@code maxSigma} pixels (separable, edges replicated). */
    static void blur(float[] img, float maxSigma, Random random) {
        if (maxSigma <= 0 || !random.nextBoolean()) {
            return;
        }
        double sigma = random.nextDouble() * maxSigma;
        int radius = (int) Math.ceil(3 * sigma);
        if (radius == 0) {
            return;
        }
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int n = Preprocessing.SIZE;
        float[] rows = new float[img.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * img[y * n + Math.max(0, Math.min(n - 1, x + k))];
                }
                rows[y * n + x] = v;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += kernel[k + radius] * rows[Math.max(0, Math.min(n - 1, y + k)) * n + x];
                }
                img[y * n + x] = v;
            }
        }
    }

    /** Adds Gaussian noise of standard deviation up to {@code maxSigma}, clipped to [0, 1]. */
    static void noise(float[] img, float maxSigma, Random random) {
        if (maxSigma > 0 && random.nextBoolean()) {
            double sigma = random.nextDouble() * maxSigma;
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) Math.min(1, Math.max(0, img[i] + random.nextGaussian() * sigma));
            }
        }
    }

    /** Encodes as a grey JPEG at a quality between {@code minQuality} and 95 and decodes it again. */
    static void jpeg(float[] img, int minQuality, Random random) {
        if (minQuality <= 0 || !random.nextBoolean()) {
            return;
        }
        int n = Preprocessing.SIZE;
        BufferedImage grey = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
        byte[] bytes = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < img.length; i++) {
            bytes[i] = (byte) Math.round(Math.min(1f, Math.max(0f, img[i])) * 255);
        }
        float quality = (minQuality + random.nextInt(96 - minQuality)) / 100f;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(encoded)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(grey, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoded.toByteArray()));
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    img[y * n + x] = decoded.getRaster().getSample(x, y, 0) / 255f;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding in memory failed", e);
        }
    }

    /** Fills one random rectangle (2-20% of the image, aspect 1:3 to 3:1) with one random grey, like an occluder. */
    static void erase(float[] img, Random random) {
        int n = Preprocessing.SIZE;
        double area = (0.02 + random.nextDouble() * 0.18) * n * n;
        double ratio = Math.exp((random.nextDouble() * 2 - 1) * Math.log(3));
        int h = (int) Math.min(n, Math.round(Math.sqrt(area * ratio)));
        int w = (int) Math.min(n, Math.round(Math.sqrt(area / ratio)));
        int top = random.nextInt(n - h + 1);
        int left = random.nextInt(n - w + 1);
        float fill = random.nextFloat();
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                img[y * n + x] = fill;
            }
        }
    }
}
