package org.fer4j.training;

import org.fer4j.core.FaceFolder;
import org.fer4j.core.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset root holding {@code train/} and {@code test/} image folders with the same class sub-folders.
 *
 * @param root the dataset root
 * @param train the training images
 * @param test the test images, used as validation data each epoch
 */
public record TrainTestData(Path root, FaceFolder train, FaceFolder test) {

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
    public static TrainTestData load(Path root, Preprocessing preprocessing) throws IOException {
        Path trainDir = root.resolve("train");
        Path testDir = root.resolve("test");
        for (Path p : List.of(trainDir, testDir)) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("Dataset " + root + " has no " + p.getFileName()
                        + "/ folder (expected " + p + " with one sub-folder per class)");
            }
        }
        List<String> trainClasses = FaceFolder.classFolders(trainDir, 2);
        List<String> testClasses = FaceFolder.classFolders(testDir, 2);
        if (!trainClasses.equals(testClasses)) {
            throw new IllegalArgumentException("Class folders differ between " + trainDir + " " + trainClasses
                    + " and " + testDir + " " + testClasses);
        }
        FaceFolder train = FaceFolder.load(trainDir, preprocessing);
        FaceFolder test = FaceFolder.load(testDir, train.labels(), preprocessing);
        return new TrainTestData(root, train, test);
    }
}
