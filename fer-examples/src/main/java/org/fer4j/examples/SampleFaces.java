// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The seven FER-2013 sample faces bundled with the examples (see {@code samples/README.md}); each
 * file name starts with the dataset's label for the face.
 */
public final class SampleFaces {

    private static final String FOLDER = "/org/fer4j/examples/samples/";

    /**
     * One bundled face.
     *
     * @param fileName the file name, for example {@code happy_PublicTest_10248771.jpg}
     * @param label the dataset's label for it
     * @param image the decoded image
     */
    public record Sample(String fileName, String label, BufferedImage image) {}

    private SampleFaces() {}

    /**
     * Returns the bundled sample faces in file-name order.
     *
     * @return the samples
     * @throws IOException if a bundled file is missing
     */
    public static List<Sample> load() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String name : names()) {
            try (InputStream in = SampleFaces.class.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IOException("Missing bundled sample " + FOLDER + name);
                }
                samples.add(new Sample(name, name.substring(0, name.indexOf('_')), ImageIO.read(in)));
            }
        }
        return samples;
    }

    /**
     * Copies the sample files into {@code dir}.
     *
     * @param dir the target folder, created if needed
     * @return the paths of the copies
     * @throws IOException if a file cannot be written
     */
    public static List<Path> extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> paths = new ArrayList<>();
        for (String name : names()) {
            try (InputStream in = SampleFaces.class.getResourceAsStream(FOLDER + name)) {
                Path target = dir.resolve(name);
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                paths.add(target);
            }
        }
        return paths;
    }

    private static List<String> names() throws IOException {
        try (InputStream in = SampleFaces.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                throw new IOException("Missing " + FOLDER + "index.txt");
            }
            return List.of(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        }
    }
}
