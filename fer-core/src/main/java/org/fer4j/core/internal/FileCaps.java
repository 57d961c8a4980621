// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Size caps on the files fer4j reads whole, so a huge or endless file is refused at once with a message
 * rather than exhausting memory: {@code model.json}, {@code state.json} and label files, and image files
 * ({@link ImageDecoding#MAX_FILE_BYTES}).
 */
public final class FileCaps {

    /** The largest JSON description read ({@code model.json}, {@code state.json}, label files): 8 MiB. */
    public static final long MAX_JSON_BYTES = 8L << 20;

    private FileCaps() {}

    /**
     * Reads a JSON description file of at most {@link #MAX_JSON_BYTES}.
     *
     * @param file the file
     * @return its bytes
     * @throws IOException if it is missing, a folder, unreadable or too large; the message starts with the path
     */
    public static byte[] readJson(Path file) throws IOException {
        return read(file, MAX_JSON_BYTES, "JSON file");
    }

    /**
     * Reads a whole file of at most {@code cap} bytes; pipes and other special files are read as streams
     * up to the cap.
     *
     * @param file the file
     * @param cap the largest size accepted, in bytes
     * @param what what the file is, for messages (for example "image file")
     * @return its bytes
     * @throws IOException if it is missing, a folder, unreadable or larger than {@code cap}; the message
     *     starts with the path, once, and says what is wrong
     */
    public static byte[] read(Path file, long cap, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(
                    file + ": is a folder, not " + ("aeiouAEIOU".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what);
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such " + what);
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString(), null, "not readable (permission denied)");
        }
        if (Files.isRegularFile(file) && Files.size(file) > cap) {
            throw tooLarge(file, Files.size(file) + " bytes", cap, what);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        } catch (IOException e) {
            throw new IOException(
                    file + ": cannot be read ("
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()) + ")",
                    e);
        }
        if (bytes.length > cap) {
            throw tooLarge(file, "more than " + cap + " bytes", cap, what);
        }
        return bytes;
    }

    private static IOException tooLarge(Path file, String size, long cap, String what) {
        return new IOException(
                file + ": too large (" + size + "; fer4j reads " + what + "s of at most " + human(cap) + ")");
    }

    private static String human(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) == 0
                ? bytes / (1L << 30) + " GiB"
                : bytes >= 1L << 20 ? String.format(Locale.ROOT, "%d MiB", bytes >> 20) : bytes + " bytes";
    }
}
