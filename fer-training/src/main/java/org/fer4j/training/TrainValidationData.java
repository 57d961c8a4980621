// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.FaceFolder;

/**
 * A dataset root holding {@code train/} and {@code test/} image folders with the same class sub-folders:
 * the training split, and the split that validates each epoch and chooses the best one (kept in the
 * folder named {@code test/}, the name datasets such as FER-2013 ship it under).
 *
 */
public final class TrainValidationData {

    private final Path root;
    private final FaceFolder train;
    private final FaceFolder validation;

    private TrainValidationData(Path root, FaceFolder train, FaceFolder validation) {
        this.root = root;
        this.train = train;
        this.validation = validation;
    }

    /**
     * Loads both splits, checking the layout before decoding anything.
     *
     * @param root the folder holding {@code train/} and {@code test/}
     * @param preprocessing the preprocessing applied to every image
     * @return both splits
     * @throws IllegalArgumentException if {@code train/} or {@code test/} is missing, a class folder is
     *     empty, the class folders of the two splits differ, or there are fewer than two classes
     * @throws IOException if a folder or an image cannot be listed or read
     */
    public static TrainValidationData load(Path root, Preprocessing preprocessing) throws IOException {
        Path trainDir = root.resolve("train");
        Path validationDir = root.resolve("test");
        for (Path p : List.of(trainDir, validationDir)) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("Dataset " + root + " has no " + p.getFileName()
                        + "/ folder (expected " + p + " with one sub-folder per class)");
            }
        }
        List<String> trainClasses = FaceFolder.classFolders(trainDir, 2);
        List<String> validationClasses = FaceFolder.classFolders(validationDir, 2);
        if (!trainClasses.equals(validationClasses)) {
            throw new IllegalArgumentException("Class folders differ between " + trainDir + " " + trainClasses + " and "
                    + validationDir + " " + validationClasses);
        }
        FaceFolder train = FaceFolder.load(trainDir, preprocessing);
        FaceFolder validation = FaceFolder.load(validationDir, train.labels(), preprocessing);
        return new TrainValidationData(root, train, validation);
    }

    /**
     * Returns the dataset root.
     *
     * @return the folder holding {@code train/} and {@code test/}
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the class labels, in the order of the class folders.
     *
     * @return the labels
     */
    public EmotionLabels labels() {
        return train.labels();
    }

    /**
     * Returns the number of training images that were read.
     *
     * @return the training image count
     */
    public int trainImages() {
        return train.size();
    }

    /**
     * Returns the number of validation images that were read.
     *
     * @return the validation image count
     */
    public int validationImages() {
        return validation.size();
    }

    /**
     * Returns the files of both splits that could not be read, training split first, with the reason.
     *
     * @return the skipped files
     */
    public List<SkippedFile> skipped() {
        List<SkippedFile> all = new ArrayList<>(train.skipped());
        all.addAll(validation.skipped());
        return List.copyOf(all);
    }

    FaceFolder train() {
        return train;
    }

    FaceFolder validation() {
        return validation;
    }

    /**
     * Returns a printable table of the images per class in both splits, with a line on the imbalance.
     *
     * @return the table text
     */
    public String distributionTable() {
        return ClassDistribution.of(this).toTable();
    }

    /**
     * Writes {@code class_distribution.csv} (columns {@code class,train,test}) and a bar chart,
     * {@code class_distribution.png}, into {@code dir}.
     *
     * @param dir an existing folder
     * @throws IOException if a file cannot be written
     */
    public void writeDistribution(Path dir) throws IOException {
        ClassDistribution distribution = ClassDistribution.of(this);
        distribution.writeCsv(dir.resolve("class_distribution.csv"));
        distribution.writeChart(dir.resolve("class_distribution.png"));
    }
}
