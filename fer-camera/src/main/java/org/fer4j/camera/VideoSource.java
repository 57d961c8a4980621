// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.javacv.FrameGrabber;
import org.fer4j.core.internal.ImageDecoding;

/**
 * Where frames come from: a camera, a video file, a stream URL, one image or a folder of images.
 * Immutable; it only describes the source, and {@link EmotionCamera} opens it when it starts.
 *
 * <pre>{@code
 * VideoSource.camera(0);
 * VideoSource.video(Path.of("talk.mp4"));
 * VideoSource.parse(args[0]);   // "0", "talk.mp4", "rtsp://...", "photo.jpg" or "faces/"
 * }</pre>
 */
public final class VideoSource {

    /** The kinds of source. */
    enum Kind {
        CAMERA,
        VIDEO,
        STREAM,
        IMAGE,
        FOLDER,
        GRABBER
    }

    private final Kind kind;
    private final int cameraIndex;
    private final Path path;
    private final String url;
    private final FrameGrabber grabber;

    private VideoSource(Kind kind, int cameraIndex, Path path, String url, FrameGrabber grabber) {
        this.kind = kind;
        this.cameraIndex = cameraIndex;
        this.path = path;
        this.url = url;
        this.grabber = grabber;
    }

    /**
     * Returns the camera with the given index (0 is the first; {@code /dev/video0} on Linux).
     *
     * @param index the camera index, from 0
     * @return the source
     * @throws IllegalArgumentException if the index is negative
     */
    public static VideoSource camera(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("Camera index must be >= 0, got " + index);
        }
        return new VideoSource(Kind.CAMERA, index, null, null, null);
    }

    /**
     * Returns a video file in any format FFmpeg reads (mp4, mkv, avi, webm, ...).
     *
     * @param file the video file
     * @return the source
     */
    public static VideoSource video(Path file) {
        return new VideoSource(Kind.VIDEO, -1, Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * Returns a stream or device that FFmpeg opens by name, for example {@code rtsp://host/cam}.
     *
     * @param url the stream address or device name
     * @return the source
     */
    public static VideoSource stream(String url) {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("Blank stream URL");
        }
        return new VideoSource(Kind.STREAM, -1, null, url, null);
    }

    /**
     * Returns one still image (a single frame).
     *
     * @param file the image file
     * @return the source
     */
    public static VideoSource image(Path file) {
        return new VideoSource(Kind.IMAGE, -1, Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * Returns the images of a folder (not its subfolders), one frame each in file name order. Files that
     * cannot be decoded are skipped and listed by {@link EmotionCamera#skippedFiles()}.
     *
     * @param dir the image folder
     * @return the source
     */
    public static VideoSource folder(Path dir) {
        return new VideoSource(Kind.FOLDER, -1, Objects.requireNonNull(dir, "dir"), null, null);
    }

    /**
     * Returns frames from any JavaCV grabber, not yet started. The camera that runs this source owns the
     * grabber: it starts, stops and releases it.
     *
     * @param grabber the grabber, not yet started
     * @return the source
     */
    public static VideoSource grabber(FrameGrabber grabber) {
        return new VideoSource(Kind.GRABBER, -1, null, null, Objects.requireNonNull(grabber, "grabber"));
    }

    /**
     * Reads a command-line style source: digits are a camera index, {@code scheme://...} a stream, a
     * folder a folder of images, an image file name (ending .bmp, .gif, .jpg, .jpeg, .png, .tif, .tiff or .webp) an image, and
     * anything else a video.
     *
     * @param spec a camera index, stream address, folder, image or video path
     * @return the source
     * @throws IllegalArgumentException if {@code spec} is blank
     */
    public static VideoSource parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Blank source");
        }
        if (s.chars().allMatch(Character::isDigit) && s.length() < 4) {
            return camera(Integer.parseInt(s));
        }
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            return stream(s);
        }
        Path p = Path.of(s);
        if (Files.isDirectory(p)) {
            return folder(p);
        }
        return isImageName(p) ? image(p) : video(p);
    }

    static boolean isImageName(Path p) {
        return ImageDecoding.isImageName(p);
    }

    /**
     * Returns whether this source is a video file, stream or camera, whose frames have timestamps.
     *
     * @return whether frames have timestamps
     */
    public boolean isVideo() {
        return kind == Kind.CAMERA || kind == Kind.VIDEO || kind == Kind.STREAM || kind == Kind.GRABBER;
    }

    /**
     * Returns whether frames come as they happen (camera, stream or grabber), so the loop must keep up,
     * rather than from a file that waits for it.
     */
    boolean isLive() {
        return kind == Kind.CAMERA || kind == Kind.STREAM || kind == Kind.GRABBER;
    }

    /**
     * Returns the file or folder this source reads; empty for cameras, streams and grabbers.
     *
     * @return the video, image or folder path, if the source is one
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Returns a short description for messages, for example {@code "camera 0"} or {@code "video talk.mp4"}.
     *
     * @return the description
     */
    public String description() {
        return switch (kind) {
            case CAMERA -> "camera " + cameraIndex;
            case VIDEO -> "video " + path;
            case STREAM -> "stream " + url;
            case IMAGE -> "image " + path;
            case FOLDER -> "image folder " + path;
            default -> "grabber " + grabber.getClass().getSimpleName();
        };
    }

    @Override
    public String toString() {
        return description();
    }

    /**
     * Opens the source for reading.
     *
     * @throws IOException if it cannot be opened; the message names what was tried
     */
    FrameInput open() throws IOException {
        return switch (kind) {
            case CAMERA -> GrabberInput.openCamera(cameraIndex);
            case VIDEO -> GrabberInput.openVideo(path);
            case STREAM -> GrabberInput.openStream(url);
            case IMAGE -> ImageFilesInput.openImage(path);
            case FOLDER -> ImageFilesInput.openFolder(path);
            default -> GrabberInput.open(grabber, "Cannot open", description(), description(), false);
        };
    }
}
