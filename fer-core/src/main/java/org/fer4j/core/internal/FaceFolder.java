// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.Progress;
import org.fer4j.core.SkippedFile;

/**
 * An image folder of class sub-folders, decoded once into memory with a model's {@link Preprocessing}.
 *
 * <p>Labels come from the sub-folder names in sorted order, as DJL's and Keras' image-folder
 * datasets infer them. Files that cannot be read or decoded are skipped and listed in
 * {@link #skipped()}; the folder as a whole is rejected only when it cannot be used at all.
 * Instances are immutable and safe to share between threads.
 */
public final class FaceFolder {

    /** The stage name {@link #load(Path, EmotionLabels, Preprocessing, Progress)} reports. */
    public static final String DECODING = "decoding images";
    /**
     * The sub-folder of a dataset root that holds the validation split, the images that choose a model's
     * epoch; named {@code test} as in the FER-2013 folder layout.
     */
    public static final String VALIDATION_SPLIT = "test";

    private final Path root;
    private final EmotionLabels labels;
    private final float[][] images;
    private final Path[] paths;
    private final int[] classes;
    private final List<SkippedFile> skipped;

    private FaceFolder(
            Path root, EmotionLabels labels, float[][] images, Path[] paths, int[] classes, List<SkippedFile> skipped) {
        this.root = root;
        this.labels = labels;
        this.images = images;
        this.paths = paths;
        this.classes = classes;
        this.skipped = Collections.unmodifiableList(skipped);
    }

    /**
     * Loads every image under {@code root}, with labels from its sorted sub-folder names.
     *
     * @param root the folder holding one sub-folder per class
     * @param preprocessing the preprocessing applied to every image
     * @return the loaded images
     * @throws IllegalArgumentException if the folder is missing, has fewer than two class folders,
     *     or a class folder holds no usable image; the message names the folder
     * @throws IOException if the folder or an image cannot be listed or read
     */
    public static FaceFolder load(Path root, Preprocessing preprocessing) throws IOException {
        classFolders(root, 2);
        return load(root, null, preprocessing);
    }

    /**
     * Loads every image under {@code root} with the labels (and label order) of a model: its
     * sub-folders must carry label names, but a label may have no folder (for example a test set
     * without disgust).
     *
     * @param root the folder holding one sub-folder per class
     * @param expected the labels of the model, in output order
     * @param preprocessing the preprocessing applied to every image
     * @return the loaded images
     * @throws IllegalArgumentException if the folder is unusable or a sub-folder is not one of the labels
     * @throws IOException if the folder or an image cannot be listed or read
     */
    public static FaceFolder load(Path root, EmotionLabels expected, Preprocessing preprocessing) throws IOException {
        return load(root, expected, preprocessing, Progress.NONE);
    }

    /**
     * Loads every image under {@code root} as {@link #load(Path, EmotionLabels, Preprocessing)} does, telling
     * {@code progress} how many files of the stage {@code "decoding images"} are done; the files are decoded
     * on several threads, which all call it.
     *
     * @param root the folder holding one sub-folder per class
     * @param expected the labels of the model, in output order
     * @param preprocessing the preprocessing applied to every image
     * @param progress receives the number of files decoded so far
     * @return the loaded images
     * @throws IllegalArgumentException if the folder is unusable or a sub-folder is not one of the labels
     * @throws IOException if the folder or an image cannot be listed or read
     */
    public static FaceFolder load(Path root, EmotionLabels expected, Preprocessing preprocessing, Progress progress)
            throws IOException {
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(progress, "progress");
        List<String> folders = classFolders(root, 1);
        EmotionLabels labels = expected != null ? expected : EmotionLabels.of(folders);
        for (String folder : folders) {
            if (labels.indexOf(folder) < 0) {
                throw new IllegalArgumentException(
                        "Class folder " + root.resolve(folder) + " is not one of the model's labels " + labels.names());
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> fileClasses = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (String folder : folders) {
            int before = files.size();
            try (Stream<Path> s = Files.list(root.resolve(folder))) {
                for (Path p : s.sorted().collect(Collectors.toList())) {
                    if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) {
                        continue;
                    }
                    if (!ImageDecoding.isImageName(p)) {
                        skipped.add(new SkippedFile(
                                p, "not an image file name (" + String.join(", ", ImageDecoding.EXTENSIONS) + ")"));
                        continue;
                    }
                    files.add(p);
                    fileClasses.add(labels.indexOf(folder));
                }
            }
            if (files.size() == before) {
                throw new IllegalArgumentException("Class folder " + root.resolve(folder) + " holds no images");
            }
        }
        float[][] decoded = new float[files.size()][];
        String[] errors = new String[files.size()];
        AtomicInteger done = new AtomicInteger();
        // About a hundred updates whatever the size: a call per file would cost more than a small image.
        int every = Math.max(1, files.size() / 100);
        progress.update(DECODING, 0, files.size());
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                decoded[i] = preprocessing.toInput(ImageDecoding.decode(ImageDecoding.readFile(files.get(i))));
            } catch (IllegalArgumentException e) {
                errors[i] = e.getMessage();
            } catch (IOException | RuntimeException e) {
                // The skipped-file list names the path already: keep only the reason.
                String m = String.valueOf(e.getMessage());
                String prefix = files.get(i) + ": ";
                errors[i] = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
            }
            int n = done.incrementAndGet();
            if (n % every == 0 || n == decoded.length) {
                progress.update(DECODING, n, decoded.length);
            }
        });
        List<float[]> images = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        int[] perClass = new int[labels.size()];
        for (int i = 0; i < files.size(); i++) {
            if (errors[i] != null) {
                skipped.add(new SkippedFile(files.get(i), errors[i]));
            } else {
                images.add(decoded[i]);
                paths.add(files.get(i));
                classes.add(fileClasses.get(i));
                perClass[fileClasses.get(i)]++;
            }
        }
        for (String folder : folders) {
            if (perClass[labels.indexOf(folder)] == 0) {
                throw new IllegalArgumentException("Class folder " + root.resolve(folder)
                        + " holds no readable image (every file in it was skipped)");
            }
        }
        return new FaceFolder(
                root,
                labels,
                images.toArray(new float[0][]),
                paths.toArray(new Path[0]),
                classes.stream().mapToInt(Integer::intValue).toArray(),
                skipped);
    }

    /**
     * Returns the sorted class sub-folder names of {@code root}, checking that there are at least
     * {@code minimum} of them.
     *
     * @param root the folder holding one sub-folder per class
     * @param minimum the fewest class folders accepted
     * @return the sub-folder names, sorted
     * @throws IllegalArgumentException if {@code root} is not a folder or has too few sub-folders
     * @throws IOException if the folder cannot be listed
     */
    public static List<String> classFolders(Path root, int minimum) throws IOException {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Image folder " + root + " does not exist or is not a directory");
        }
        List<String> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (folders.size() < minimum) {
            throw new IllegalArgumentException(
                    "Image folder " + root + " needs at least " + (minimum == 2 ? "two" : minimum) + " class sub-folder"
                            + (minimum == 1 ? "" : "s") + ", found " + folders);
        }
        return folders;
    }

    /**
     * Returns the folder to evaluate when a user names {@code folder}: its {@value #VALIDATION_SPLIT}
     * sub-folder when it has one and that is not a label (so a dataset root means its validation split),
     * else {@code folder} itself.
     *
     * @param folder a folder of class sub-folders, or a dataset root
     * @param labels the labels of the model that will be evaluated
     * @return the folder of class sub-folders to evaluate
     */
    public static Path evaluationFolder(Path folder, EmotionLabels labels) {
        Path split = folder.resolve(VALIDATION_SPLIT);
        return Files.isDirectory(split) && labels.indexOf(VALIDATION_SPLIT) < 0 ? split : folder;
    }

    /**
     * Returns the folder the images were read from.
     *
     * @return the image folder
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the labels, in output-index order.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns the number of usable images.
     *
     * @return the image count
     */
    public int size() {
        return images.length;
    }

    /**
     * Returns the preprocessed pixels of image {@code i}; the array is shared, so do not modify it.
     *
     * @param i an image index, 0 to {@code size() - 1}
     * @return the 48x48 preprocessed pixels, shared
     */
    public float[] image(int i) {
        return images[i];
    }

    /**
     * Returns the file image {@code i} was read from.
     *
     * @param i an image index, 0 to {@code size() - 1}
     * @return the image file
     */
    public Path path(int i) {
        return paths[i];
    }

    /**
     * Returns the class index of image {@code i}.
     *
     * @param i an image index, 0 to {@code size() - 1}
     * @return the output index of its class
     */
    public int classOf(int i) {
        return classes[i];
    }

    /**
     * Returns the number of usable images per class, in label order.
     *
     * @return the image count of each class, indexed like the labels
     */
    public int[] countsPerClass() {
        int[] counts = new int[labels.size()];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    /**
     * Returns the files that were left out, with reasons.
     *
     * @return the skipped files with their reasons
     */
    public List<SkippedFile> skipped() {
        return skipped;
    }
}
