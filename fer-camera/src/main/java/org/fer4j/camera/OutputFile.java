package org.fer4j.camera;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One output file written under a temporary name beside its target and moved onto the target only when
 * complete, so the target is either the finished file or untouched (an earlier version stays as it was).
 * The sinks share it; one sink owns each instance, so it is not thread-safe.
 */
final class OutputFile {

    private final Path target;
    private final Path temp;

    private OutputFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
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
            Path temp = parent.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)
                    + extension);
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
            return new OutputFile(target, temp);
        }
    }

    /** Returns the file to write into. */
    Path temp() {
        return temp;
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
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort: a leftover hidden ".partial" file is harmless, and the run's own error matters more.
        }
    }
}
