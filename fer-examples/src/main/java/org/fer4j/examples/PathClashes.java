// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.fer4j.core.internal.ImageDecoding;

/**
 * The paths a command reads and writes, checked against each other before it starts: an output that is
 * an input or another output destroys data, and an output folder inside an input folder feeds a later
 * run its own results. Paths are compared as real paths (absolute, normalised, symbolic links followed
 * where they exist).
 */
final class PathClashes {

    /**
     * One path and how the user named it, for messages.
     *
     * @param description for example {@code "--json out.jsonl"}
     * @param path the path
     * @param folder whether it is (or will be) a folder
     */
    private record Named(String description, Path path, boolean folder) {}

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** Adds a file or folder the command reads, named by its option. */
    PathClashes input(String option, Path path, boolean folder) {
        inputs.add(new Named(option + " " + path, path, folder));
        return this;
    }

    /** Adds a file or folder the command writes, named by its option. */
    PathClashes output(String option, Path path, boolean folder) {
        outputs.add(new Named(option + " " + path, path, folder));
        return this;
    }

    /** Adds a file the command writes beside an output, for example the summary of {@code --output a.mp4}. */
    PathClashes derivedOutput(String kind, Path path, String option, Path from) {
        outputs.add(new Named("the " + kind + " " + path + " written for " + option + " " + from, path, false));
        return this;
    }

    /**
     * Returns the first clash as a one-line message naming both paths, or empty when there is none.
     *
     * @throws IOException if an existing path cannot be resolved
     */
    Optional<String> find() throws IOException {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            Path realOut = real(out.path());
            for (Named in : inputs) {
                Path realIn = real(in.path());
                if (same(out.path(), realOut, in.path(), realIn)) {
                    return Optional.of(
                            out.description() + " would overwrite " + in.description() + both(out, in, realIn));
                }
                if (in.folder() && out.folder() && realOut.startsWith(realIn)) {
                    return Optional.of(out.description() + " is inside " + in.description()
                            + ": a later run on that folder would read what is written there as input");
                }
                if (in.folder()
                        && !out.folder()
                        && realIn.equals(realOut.getParent())
                        && ImageDecoding.isImageName(realOut)) {
                    return Optional.of(out.description() + " is inside " + in.description()
                            + ": a later run on that folder would read it as an input image");
                }
            }
            for (Named earlier : outputs.subList(0, i)) {
                Path realEarlier = real(earlier.path());
                if (same(out.path(), realOut, earlier.path(), realEarlier)) {
                    return Optional.of(out.description() + " and " + earlier.description() + " are the same file"
                            + both(out, earlier, realEarlier));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns why {@code dir} cannot be an output folder, or empty when it can: it is a file, or it (or, when it
     * does not exist yet, the nearest existing folder above it) does not take new files.
     *
     * @param option the option that named the folder, for the message
     * @param dir the folder the command will write into, created if missing
     * @return a one-line message naming the folder and the reason, or empty
     */
    static Optional<String> unusableOutputFolder(String option, Path dir) {
        return unusable(option + " " + dir, dir.toAbsolutePath(), true);
    }

    /**
     * Returns why {@code file} cannot be written, or empty when it can: it is a folder, or its folder (or the
     * nearest existing folder above it) is a file or does not take new files.
     *
     * @param option the option that named the file, for the message
     * @param file the file the command will write, its folder created if missing
     * @return a one-line message naming the file and the reason, or empty
     */
    static Optional<String> unusableOutputFile(String option, Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return Optional.of(option + " " + file + " is a folder, not a file");
        }
        return unusable(option + " " + file, absolute.getParent(), false);
    }

    private static Optional<String> unusable(String named, Path folder, boolean folderIsTarget) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.of(named + " cannot be created: no folder above it exists");
        }
        boolean itself = folderIsTarget && existing.equals(folder);
        if (!Files.isDirectory(existing)) {
            return Optional.of(
                    itself
                            ? named + " is a file, not a folder"
                            : named + " cannot be created: " + existing + " is a file");
        }
        try {
            // A real file rather than the permission bits: those say nothing of read-only file systems,
            // ACLs or a superuser.
            Files.delete(Files.createTempFile(existing, ".fer-write-check", ".tmp"));
        } catch (IOException | SecurityException e) {
            return Optional.of(
                    itself
                            ? named + " is not writable"
                            : named + " cannot be created: " + existing + " does not take new files");
        }
        return Optional.empty();
    }

    /** Names the real path when the user spelled the two paths differently, so the clash is plain. */
    private static String both(Named a, Named b, Path real) {
        return a.path().equals(b.path()) ? "" : " (both are " + real + ")";
    }

    private static boolean same(Path a, Path realA, Path b, Path realB) throws IOException {
        // Hard links to one file have different real paths but are the same file.
        return realA.equals(realB) || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
    }

    /**
     * Returns {@code path} absolute and normalised, with symbolic links followed as far as the path exists
     * (an output usually does not exist yet, but its folder, which may be a link, does).
     *
     * @throws IOException if an existing part cannot be resolved
     */
    static Path real(Path path) throws IOException {
        Path existing = path.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real = existing == null ? path.toAbsolutePath().getRoot() : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real.normalize();
    }
}
