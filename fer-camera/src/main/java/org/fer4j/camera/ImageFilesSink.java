package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes annotated frames as image files; see {@link Sinks#annotatedImage} and {@link Sinks#annotatedImages}. */
final class ImageFilesSink implements FrameSink {

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
        if (folderFormat == null && Files.isDirectory(target)) {
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
            ok = imwrite(output.temp().toString(), frame.annotatedMat());
        } catch (RuntimeException e) {
            output.discard();
            throw new IOException("Cannot write image " + file + ": " + e.getMessage(), e);
        }
        if (!ok) {
            output.discard();
            throw new IOException("Cannot write image " + file + ": unknown image format or not writable");
        }
        completed.add(output.commit());
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
