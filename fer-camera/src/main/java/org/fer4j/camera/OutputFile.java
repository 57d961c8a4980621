// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One output file written under a temporary name beside its target and moved onto the target only when
 * complete, so the target is either the finished file or untouched (an earlier version stays as it was).
 * Targets that are not regular files (a FIFO, a device such as {@code /dev/null}) and {@code -} (standard
 * output) are written directly instead: renaming onto them would replace the pipe or device with a file.
 * The sinks share it; one sink owns each instance, so it is not thread-safe.
 */
final class OutputFile {

    /** The file name that stands for standard output. */
    static final String STDOUT = "-";

    private final Path target;
    private final Path temp;
    private final boolean direct;

    private OutputFile(Path target, Path temp, boolean direct) {
        this.target = target;
        this.temp = temp;
        this.direct = direct;
    }

    /**
     * Returns whether {@code target} is written directly rather than through a temporary file: it is
     * {@code -} (standard output) or an existing file that is neither regular nor a folder (FIFO, device).
     */
    static boolean isDirect(Path target) {
        return isStdout(target) || (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target));
    }

    /** Returns whether {@code target} names standard output. */
    static boolean isStdout(Path target) {
        return target.toString().equals(STDOUT);
    }

    /**
     * Creates the target's folder and an empty temporary file beside the target, in the same folder so the
     * final move is a rename on one file system.
     *
     * @param target the file to produce
     * @param deleteOnExit whether the JVM should delete the temporary file at exit if it is still there:
     *     meant for files that stay open for a whole run, since the JVM keeps every such name until exit
     * @throws IOException if the folder or file cannot be created, or the target is a folder
     */
    static OutputFile create(Path target, boolean deleteOnExit) throws IOException {
        if (isDirect(target)) {
            return new OutputFile(target, target, true);
        }
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent == null || absolute.getFileName() == null) {
            throw new IOException("Cannot write " + target + ": not a file path");
        }
        Files.createDirectories(parent);
        if (Files.isDirectory(absolute)) {
            throw new IOException("Cannot write " + target + ": it is a folder");
        }
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // Hidden, and ending in the target's extension: FFmpeg and OpenCV choose the format by extension.
        String prefix = "." + (dot > 0 ? name.substring(0, dot) : name) + ".partial-";
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int attempt = 0; ; attempt++) {
            Path temp = parent.resolve(
                    prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + extension);
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 10) {
                    continue;
                }
                throw e;
            }
            if (deleteOnExit) {
                try {
                    // The JDK deletes these after all shutdown hooks have run, so a run that a hook lets finish
                    // still moves its file into place first; only what was never finished goes.
                    temp.toFile().deleteOnExit();
                } catch (IllegalStateException shuttingDown) {
                    // Too late to register: the owning sink still deletes the file if the run fails.
                }
            }
            return new OutputFile(target, temp, false);
        }
    }

    /** Returns the file to write into: the temporary file, or the target itself when it is written directly. */
    Path temp() {
        return temp;
    }

    /** Returns whether the target is written directly (standard output, a FIFO or a device). */
    boolean direct() {
        return direct;
    }

    /**
     * Opens the stream to write into: the temporary file, the FIFO or device itself, or standard output
     * (which closing the stream flushes but leaves open).
     */
    OutputStream open() throws IOException {
        if (isStdout(target)) {
            return new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                    // PrintStream keeps write errors to itself; a lost result must fail the sink.
                    if (System.out.checkError()) {
                        throw new IOException("standard output cannot be written");
                    }
                }
            };
        }
        return direct ? Files.newOutputStream(target, StandardOpenOption.WRITE) : Files.newOutputStream(temp);
    }

    /** Returns the file this becomes when committed. */
    Path target() {
        return target;
    }

    /**
     * Moves the finished temporary file onto the target, replacing it in one step where the file system
     * allows; on failure deletes the temporary file.
     *
     * @return the target
     * @throws IOException if the move fails
     */
    Path commit() throws IOException {
        if (direct) {
            return target;
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw new IOException("Cannot move the finished " + target + " into place: " + e.getMessage(), e);
        }
        return target;
    }

    /** Deletes the temporary file, leaving the target as it was; never throws. */
    void discard() {
        if (direct) {
            // Never delete a device or a pipe; what was written to it is gone already.
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort: a leftover hidden ".partial" file is harmless, and the run's own error matters more.
        }
    }
}
