// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one place encoded images are read, for every path of fer4j (ImageIO here, OpenCV in fer-camera):
 * the formats accepted, the file name endings that mark an image, the pixel limit checked from the header
 * before any pixel is decoded, the size cap of an image file, and the EXIF orientation applied to every
 * decoded image. Stateless and thread-safe.
 *
 * <pre>{@code
 * BufferedImage upright = ImageDecoding.read(Path.of("phone-photo.jpg"));
 * ImageDecoding.Header h = ImageDecoding.probe(bytes);   // format, size and orientation, nothing decoded
 * }</pre>
 */
public final class ImageDecoding {

    /** The formats every command and every decoder of fer4j accepts; GIF is read as its first frame. */
    public static final List<String> FORMATS = List.of("bmp", "gif", "jpeg", "png", "tiff", "webp");
    /** The file name endings that mark an image file, lower case, for every folder and command. */
    public static final List<String> EXTENSIONS = List.of("bmp", "gif", "jpeg", "jpg", "png", "tif", "tiff", "webp");
    /** The system property that overrides {@link #DEFAULT_MAX_PIXELS}. */
    public static final String MAX_PIXELS_PROPERTY = "fer4j.maxImagePixels";
    /**
     * The default pixel limit: 150 megapixels, above the largest phone and camera photos (108 MP) and far
     * below the images that exhaust memory (a 30000x30000 picture needs 2.7 GB as 8-bit BGR alone).
     */
    public static final long DEFAULT_MAX_PIXELS = 150_000_000L;
    /** The largest image file read, in bytes (1 GiB): beyond any real photo, and below Java's array limit. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private ImageDecoding() {}

    /**
     * What the header of an encoded image says, read before any pixel is decoded: its format, its stored size
     * and its EXIF orientation. Immutable.
     *
     * @param format the format, one of {@link ImageDecoding#FORMATS} ({@code "jpeg"}, {@code "png"}, ...)
     * @param width the stored width in pixels, before the orientation is applied
     * @param height the stored height in pixels, before the orientation is applied
     * @param orientation the EXIF orientation, 1 (upright, also when there is none) to 8
     */
    public record Header(String format, int width, int height, int orientation) {

        /**
         * Checks the fields.
         *
         * @param format see the record description
         * @param width see the record description
         * @param height see the record description
         * @param orientation see the record description
         * @throws IllegalArgumentException if a size is not positive or the orientation is not 1 to 8
         */
        public Header {
            if (width <= 0 || height <= 0 || orientation < 1 || orientation > 8) {
                throw new IllegalArgumentException(
                        "Bad image header: " + format + " " + width + "x" + height + ", orientation " + orientation);
            }
        }

        /**
         * Returns the number of pixels, the figure the pixel limit is checked against.
         *
         * @return width times height
         */
        public long pixels() {
            return (long) width * height;
        }

        /**
         * Returns whether the orientation turns the image a quarter turn, so upright it is {@code height} wide.
         *
         * @return whether width and height swap when the orientation is applied
         */
        public boolean swapsSides() {
            return orientation >= 5;
        }
    }

    /**
     * Returns the largest image, in pixels, that is decoded: the system property
     * {@value #MAX_PIXELS_PROPERTY}, or {@link #DEFAULT_MAX_PIXELS}.
     *
     * @return the pixel limit
     */
    public static long maxPixels() {
        Long set = Long.getLong(MAX_PIXELS_PROPERTY);
        return set != null && set > 0 ? set : DEFAULT_MAX_PIXELS;
    }

    /**
     * Returns whether a file name ends in one of the {@link #EXTENSIONS} (any case).
     *
     * @param file a path
     * @return whether its name marks an image
     */
    public static boolean isImageName(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the bytes of an image file, refusing a folder, a missing or unreadable file and one larger
     * than {@link #MAX_FILE_BYTES}; pipes and other special files are read as streams.
     *
     * @param file the image file
     * @return its bytes
     * @throws IOException if it cannot be read; the message starts with the path and says why, once
     */
    public static byte[] readFile(Path file) throws IOException {
        return FileCaps.read(file, MAX_FILE_BYTES, "image file");
    }

    /**
     * Reads an image's header: format, size and EXIF orientation, without decoding a pixel, and checks the
     * size against the pixel limit.
     *
     * @param encoded the encoded image
     * @return the header
     * @throws NullPointerException if {@code encoded} is null
     * @throws IllegalArgumentException if the bytes are empty, not one of the {@link #FORMATS}, have an
     *     unreadable header, or the image has more pixels than {@link #maxPixels()}
     */
    public static Header probe(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded image bytes");
        return withReader(encoded, (reader, format) -> header(reader, format, encoded));
    }

    /**
     * Decodes an image (GIF: its first frame), turned upright by its EXIF orientation, after checking the
     * header against the pixel limit.
     *
     * @param encoded the encoded image
     * @return the decoded, upright image
     * @throws NullPointerException if {@code encoded} is null
     * @throws IllegalArgumentException as {@link #probe(byte[])}, or if the pixels cannot be decoded
     */
    public static BufferedImage decode(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded image bytes");
        return withReader(encoded, (reader, format) -> {
            Header header = header(reader, format, encoded);
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "Not a decodable image (" + format + ", " + encoded.length + " bytes: " + reason(e) + ")", e);
            }
            return orient(image, header.orientation());
        });
    }

    /**
     * Reads and decodes an image file as {@link #decode(byte[])} does.
     *
     * @param file the image file
     * @return the decoded, upright image
     * @throws IOException if the file cannot be read (see {@link #readFile(Path)})
     * @throws IllegalArgumentException if it is not a decodable image or is over the pixel limit; the
     *     message starts with the path
     */
    public static BufferedImage read(Path file) throws IOException {
        byte[] bytes = readFile(file);
        try {
            return decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns {@code image} turned as an EXIF orientation says, pixel samples copied as stored (grey stays
     * grey, with no colour conversion on the way).
     *
     * @param image the image as stored
     * @param orientation the EXIF orientation, 1 to 8 (1 returns the image itself)
     * @return the upright image
     * @throws IllegalArgumentException if the orientation is not 1 to 8
     */
    public static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean quarter = orientation >= 5;
        WritableRaster from = image.getRaster();
        WritableRaster to = from.createCompatibleWritableRaster(quarter ? h : w, quarter ? w : h);
        int bands = from.getNumBands();
        int[] row = new int[w * bands];
        // Whether a source row is written back to front: mirrored (2, 3) or, turned into a column, bottom up (7, 8).
        boolean reverse = orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8;
        for (int y = 0; y < h; y++) {
            from.getPixels(0, y, w, 1, row);
            if (reverse) {
                reversePixels(row, bands);
            }
            switch (orientation) {
                case 2 -> to.setPixels(0, y, w, 1, row);
                case 3, 4 -> to.setPixels(0, h - 1 - y, w, 1, row);
                case 5, 8 -> to.setPixels(y, 0, 1, w, row);
                default -> to.setPixels(h - 1 - y, 0, 1, w, row);
            }
        }
        return new BufferedImage(image.getColorModel(), to, image.isAlphaPremultiplied(), null);
    }

    private static void reversePixels(int[] row, int bands) {
        int n = row.length / bands;
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            for (int b = 0; b < bands; b++) {
                int t = row[i * bands + b];
                row[i * bands + b] = row[j * bands + b];
                row[j * bands + b] = t;
            }
        }
    }

    /** What to do with a reader positioned on the image. */
    private interface ReaderTask<T> {
        T apply(ImageReader reader, String format);
    }

    private static <T> T withReader(byte[] encoded, ReaderTask<T> task) {
        if (encoded.length == 0) {
            throw new IllegalArgumentException("Empty image bytes (0 bytes)");
        }
        // An in-memory stream: ImageIO's default file cache fails where the temporary folder is not writable.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                String format = format(reader);
                if (format == null) {
                    continue;
                }
                try {
                    reader.setInput(in, true, true);
                    return task.apply(reader, format);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Not a decodable image (" + encoded.length + " bytes: " + reason(e) + ")", e);
        }
        throw new IllegalArgumentException("Not a decodable image (" + encoded.length
                + " bytes; the content is none of " + String.join(", ", FORMATS) + ")");
    }

    /** The reader's format as one of {@link #FORMATS}, or null for a format fer4j does not accept. */
    private static String format(ImageReader reader) {
        String name;
        try {
            name = reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return null;
        }
        name = switch (name) {
            case "jpg" -> "jpeg";
            case "tif" -> "tiff";
            default -> name;
        };
        return FORMATS.contains(name) ? name : null;
    }

    private static Header header(ImageReader reader, String format, byte[] encoded) {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Not a decodable image (" + format + ", " + encoded.length + " bytes: unreadable header: "
                            + reason(e) + ")",
                    e);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Not a decodable image (" + format + ", " + encoded.length
                    + " bytes: the header says " + width + "x" + height + " pixels)");
        }
        long limit = maxPixels();
        if ((long) width * height > limit) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "Image too large to decode: %dx%d pixels (%.1f megapixels) in %d bytes; the limit is %.1f "
                            + "megapixels (raise it with -D%s=PIXELS)",
                    width,
                    height,
                    (double) width * height / 1e6,
                    encoded.length,
                    limit / 1e6,
                    MAX_PIXELS_PROPERTY));
        }
        return new Header(format, width, height, ExifOrientation.of(format, encoded));
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null && !e.getMessage().isBlank()
                ? e.getMessage()
                : e.getClass().getSimpleName();
    }
}
