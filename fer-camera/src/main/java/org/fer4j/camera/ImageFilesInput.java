// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.camera.internal.Mats;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.ImageDecoding;

/**
 * Frames from still images: one file, or every image of a folder in file name order, decoded as every
 * image of fer4j is ({@link Mats#decode(byte[])}: fer-core's checks and EXIF orientation).
 */
final class ImageFilesInput implements FrameInput {

    private final List<Path> files;
    private final boolean single;
    private final List<SkippedFile> skipped = new ArrayList<>();
    private int next;
    private Mat current;
    private String currentName = "";

    private ImageFilesInput(List<Path> files, boolean single) {
        this.files = files;
        this.single = single;
    }

    static ImageFilesInput openImage(Path file) throws IOException {
        if (Files.isDirectory(file) || !Files.exists(file)) {
            throw new IOException("Cannot read image " + file + ": "
                    + (Files.exists(file) ? "it is a folder, not an image file" : "no such file"));
        }
        return new ImageFilesInput(List.of(file), true);
    }

    static ImageFilesInput openFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    "Cannot read image folder " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> !Files.isDirectory(p))
                    .filter(ImageDecoding::isImageName)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException("Cannot read image folder " + dir + ": no image files (file names ending in "
                    + String.join(", ", ImageDecoding.EXTENSIONS) + ")");
        }
        return new ImageFilesInput(files, false);
    }

    @Override
    public Mat next() throws IOException {
        release();
        while (next < files.size()) {
            Path file = files.get(next++);
            String reason;
            try {
                current = Mats.decode(ImageDecoding.readFile(file));
                currentName = file.getFileName().toString();
                return current;
            } catch (IOException | IllegalArgumentException e) {
                String m = String.valueOf(e.getMessage());
                // The path once: file read errors start with it already.
                m = m.startsWith(file + ": ") ? m.substring(file.toString().length() + 2) : m;
                // Mid-sentence after "Cannot read image X: " or "skipped X: ": "Not a decodable ..." in lower case.
                reason = m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))
                        ? Character.toLowerCase(m.charAt(0)) + m.substring(1)
                        : m;
            }
            if (single) {
                throw new IOException("Cannot read image " + file + ": " + reason);
            }
            skipped.add(new SkippedFile(file, reason));
        }
        return null;
    }

    @Override
    public long timestampMs() {
        return 0;
    }

    @Override
    public String sourceName() {
        return currentName;
    }

    @Override
    public double frameRate() {
        return 0;
    }

    @Override
    public List<SkippedFile> skipped() {
        return Collections.unmodifiableList(new ArrayList<>(skipped));
    }

    private void release() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
