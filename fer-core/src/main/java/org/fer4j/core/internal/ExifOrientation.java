// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads the EXIF orientation of an encoded JPEG, PNG, WebP or TIFF image from its bytes, without decoding
 * a pixel, for {@link ImageDecoding}. Where each format keeps its EXIF block differs; the TIFF structure
 * inside is the same, and TwelveMonkeys reads it.
 */
final class ExifOrientation {

    private static final int EXIF_ORIENTATION = 274;

    private ExifOrientation() {}

    /** The EXIF orientation the image carries, 1 when it has none or it cannot be read. */
    static int of(String format, byte[] encoded) {
        try {
            byte[] tiff = switch (format) {
                case "jpeg" -> jpegExif(encoded);
                case "png" -> pngExif(encoded);
                case "webp" -> webpExif(encoded);
                case "tiff" -> encoded;
                default -> null;
            };
            return tiff == null ? 1 : tiffOrientation(tiff);
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // A damaged EXIF block does not make the picture unreadable: it is shown as stored, as viewers do.
            // The errors too: a forged count can ask the reader for one impossible array, which is refused
            // before any memory is taken, and a forged chain of directories can recurse deeply.
            return 1;
        }
    }

    private static byte[] jpegExif(byte[] encoded) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, 0xFFE1, "Exif");
            if (segments.isEmpty()) {
                return null;
            }
            try (InputStream data = segments.get(0).data()) {
                return data.readAllBytes();
            }
        }
    }

    /** The data of PNG's {@code eXIf} chunk, which comes before the image data. */
    private static byte[] pngExif(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        int at = 8;
        while (at + 8 <= png.length) {
            long length = b.getInt(at) & 0xFFFFFFFFL;
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IDAT") || type.equals("IEND") || at + 8 + length > png.length) {
                return null;
            }
            if (type.equals("eXIf")) {
                return java.util.Arrays.copyOfRange(png, at + 8, at + 8 + (int) length);
            }
            at += 12 + (int) length;
        }
        return null;
    }

    /** The data of WebP's {@code EXIF} chunk. */
    private static byte[] webpExif(byte[] webp) {
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= webp.length) {
            String type = new String(webp, at, 4, StandardCharsets.ISO_8859_1);
            long length = b.getInt(at + 4) & 0xFFFFFFFFL;
            if (at + 8 + length > webp.length) {
                return null;
            }
            if (type.equals("EXIF")) {
                return java.util.Arrays.copyOfRange(webp, at + 8, at + 8 + (int) length);
            }
            at += 8 + (int) length + (int) (length & 1);
        }
        return null;
    }

    /** The orientation tag of the first IFD of a TIFF structure, found after any "Exif" preamble. */
    private static int tiffOrientation(byte[] data) throws IOException {
        int start = 0;
        // APP1 data may keep the "Exif\0\0" identifier or a pad byte before the TIFF header ("II*\0" or "MM\0*").
        while (start + 4 <= data.length
                && start < 8
                && !((data[start] == 'I' && data[start + 1] == 'I' && data[start + 2] == 42)
                        || (data[start] == 'M' && data[start + 1] == 'M' && data[start + 3] == 42))) {
            start++;
        }
        if (start + 4 > data.length || start >= 8) {
            return 1;
        }
        try (ImageInputStream in =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(data, start, data.length - start))) {
            Directory ifds = new TIFFReader().read(in);
            Directory first = ifds instanceof CompoundDirectory c && c.directoryCount() > 0 ? c.getDirectory(0) : ifds;
            Entry entry = first.getEntryById(EXIF_ORIENTATION);
            if (entry == null || !(entry.getValue() instanceof Number n)) {
                return 1;
            }
            int value = n.intValue();
            return value >= 1 && value <= 8 ? value : 1;
        }
    }
}
