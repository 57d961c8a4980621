package org.fer4j.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.fer4j.core.SkippedFile;

/** Frames from still images: one file, or every image of a folder in file name order. */
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
        if (!Files.isRegularFile(file)) {
            throw new IOException("Cannot read image " + file + ": "
                    + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        return new ImageFilesInput(List.of(file), true);
    }

    static ImageFilesInput openFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "not a folder" : "no such folder";
            throw new IOException("Cannot read image folder " + dir + ": " + why);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(VideoSource::isImageName).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("Cannot read image folder " + dir + ": no image files ("
                    + String.join(", ", new TreeSet<>(VideoSource.IMAGE_EXTENSIONS)) + ")");
        }
        return new ImageFilesInput(files, false);
    }

    @Override
    public Mat next() throws IOException {
        release();
        while (next < files.size()) {
            Path file = files.get(next++);
            Mat m = imread(file.toString(), IMREAD_COLOR);
            if (m != null && !m.empty()) {
                current = m;
                currentName = file.getFileName().toString();
                return m;
            }
            if (m != null) {
                m.close();
            }
            String reason = Files.isReadable(file) ? "not a decodable image" : "not readable";
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
