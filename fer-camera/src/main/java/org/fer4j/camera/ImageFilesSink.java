package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes annotated frames as image files; see {@link Sinks#annotatedImage} and {@link Sinks#annotatedImages}. */
final class ImageFilesSink implements FrameSink {

    private final Path target;
    private final String folderFormat;

    /** With a null {@code folderFormat}, {@code target} is one file; otherwise a folder of numbered files. */
    ImageFilesSink(Path target, String folderFormat) {
        this.target = target;
        this.folderFormat = folderFormat;
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        Path dir = folderFormat != null ? target : target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) throws IOException {
        Path file = folderFormat == null ? target
                : target.resolve(String.format(Locale.ROOT, "frame-%06d.%s", result.frameIndex(), folderFormat));
        boolean ok;
        try {
            ok = imwrite(file.toString(), frame.annotatedMat());
        } catch (RuntimeException e) {
            throw new IOException("Cannot write image " + file + ": " + e.getMessage(), e);
        }
        if (!ok) {
            throw new IOException("Cannot write image " + file + ": unknown image format or not writable");
        }
    }
}
