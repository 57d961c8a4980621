// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.core.internal.ImageDecoding;

/** Writes annotated frames as image files; see {@link FrameSink#annotatedImage} and {@link FrameSink#annotatedImages}. */
final class ImageFilesSink implements SourceAwareSink {

    private final Path target;
    private final String folderFormat;
    /** Lower-cased names given out in this run, so that names differing only in case do not collide either. */
    private final Set<String> used = new HashSet<>();

    private final Set<Path> completed = Collections.synchronizedSet(new LinkedHashSet<>());
    private boolean video;

    /** With a null {@code folderFormat}, {@code target} is one file; otherwise a folder of files named after their sources. */
    ImageFilesSink(Path target, String folderFormat) {
        this.target = target;
        this.folderFormat = folderFormat;
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        video = source.video();
        // The folder is made with the first image, so a run without a readable frame leaves no empty one.
        if (folderFormat != null && Files.exists(target) && !Files.isDirectory(target)) {
            throw new IOException("Cannot write images into " + target + ": it is a file");
        }
        if (folderFormat == null && Files.isDirectory(target) && !OutputFile.isStdout(target)) {
            throw new IOException("Cannot write " + target + ": it is a folder");
        }
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) throws IOException {
        Path file = folderFormat == null ? target : target.resolve(name(result));
        // Each image goes through a temporary file too: a run killed while OpenCV writes leaves no half image.
        OutputFile output = OutputFile.create(file, false);
        boolean ok;
        try {
            ok = output.direct()
                    ? writeEncoded(output, frame.annotatedMat())
                    : imwrite(output.temp().toString(), frame.annotatedMat());
        } catch (RuntimeException e) {
            output.discard();
            // OpenCV's text names its own source files; the format check in FrameSink catches the usual cause first.
            throw new IOException("Cannot write image " + file + ": OpenCV could not encode or write it", e);
        }
        if (!ok) {
            output.discard();
            throw new IOException("Cannot write image " + file + ": unknown image format or not writable");
        }
        completed.add(output.commit());
    }

    /**
     * Encodes a frame in the target's format (PNG when its name has no image extension, as a FIFO's may not)
     * and writes it to standard output, a FIFO or a device.
     */
    private static boolean writeEncoded(OutputFile output, Mat image) throws IOException {
        String name = output.target().getFileName() == null
                ? ""
                : output.target().getFileName().toString();
        String extension = ImageDecoding.isImageName(output.target()) && haveImageWriter(name)
                ? name.substring(name.lastIndexOf('.'))
                : ".png";
        byte[] bytes;
        try (BytePointer buffer = new BytePointer()) {
            if (!imencode(extension, image, buffer)) {
                return false;
            }
            bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
        }
        try (OutputStream out = output.open()) {
            out.write(bytes);
        }
        return true;
    }

    /** Returns whether OpenCV has a writer for the extension of {@code name}; false for no extension. */
    static boolean haveImageWriter(String name) {
        try {
            return name.lastIndexOf('.') > 0 && org.bytedeco.opencv.global.opencv_imgcodecs.haveImageWriter(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Names the annotated image after the file it shows ({@code photo.jpg} -> {@code photo-annotated.png});
     * a second source with the same stem adds its extension ({@code photo.png} -> {@code photo-png-annotated.png}),
     * then a number. Frames of a video share one source, so they are named by frame number instead.
     */
    private String name(FrameResult result) {
        if (video) {
            return String.format(Locale.ROOT, "frame-%06d.%s", result.frameIndex(), folderFormat);
        }
        String source = result.source();
        int dot = source.lastIndexOf('.');
        String stem = dot > 0 ? source.substring(0, dot) : source;
        String extension = dot > 0 ? source.substring(dot + 1) : "";
        List<String> candidates = new ArrayList<>();
        candidates.add(stem);
        if (!extension.isEmpty()) {
            candidates.add(stem + "-" + extension);
        }
        for (int n = 2; ; n++) {
            for (String candidate : candidates) {
                String name = candidate + "-annotated." + folderFormat;
                if (used.add(name.toLowerCase(Locale.ROOT))) {
                    return name;
                }
            }
            candidates = List.of(stem + "-" + (extension.isEmpty() ? "" : extension + "-") + n);
        }
    }

    @Override
    public List<Path> completedFiles() {
        synchronized (completed) {
            return List.copyOf(completed);
        }
    }
}
