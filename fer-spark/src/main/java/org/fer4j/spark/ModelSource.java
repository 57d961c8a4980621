// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;

/**
 * The model a job scores with, as it travels to the executors: the bundled model (nothing to ship, every
 * executor has fer-inference's jar) or the two files of a model folder, read once on the driver so that
 * executors need no shared file system.
 */
final class ModelSource implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the model came from, for messages. */
    private final String description;
    /** File name to content; empty for the bundled model. */
    private final LinkedHashMap<String, byte[]> files;
    /** Null: as the model's model.json says. */
    private final TestTimeAugmentation tta;
    /** Identifies the model and options in an executor's cache. */
    private final String key;

    private ModelSource(String description, Map<String, byte[]> files, TestTimeAugmentation tta) {
        this.description = description;
        this.files = new LinkedHashMap<>(files);
        this.tta = tta;
        this.key = digest(files) + "/" + (tta == null ? "model" : tta.id());
    }

    static ModelSource bundled(TestTimeAugmentation tta) {
        return new ModelSource("the bundled model", new LinkedHashMap<>(), tta);
    }

    /**
     * Reads a model folder on the driver: a local path, or any URI Hadoop reads (hdfs://, s3a://, ...).
     * Only model.json and model.params are read, as {@link EmotionClassifier#load(Path)} needs no more.
     */
    static ModelSource folder(String location, Configuration hadoop, TestTimeAugmentation tta)
            throws MalformedModelException {
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        URI uri;
        try {
            uri = new URI(location.replace('\\', '/'));
        } catch (java.net.URISyntaxException e) {
            // A local path with characters a URI escapes, such as spaces.
            uri = URI.create("");
        }
        boolean local = uri.getScheme() == null || uri.getScheme().length() == 1 || "file".equals(uri.getScheme());
        for (String name : new String[] {ModelInfo.FILE_NAME, ModelInfo.PARAMETERS_FILE}) {
            try {
                if (local) {
                    Path dir = "file".equals(uri.getScheme()) ? Path.of(uri) : Path.of(location);
                    if (!Files.isDirectory(dir)) {
                        throw new MalformedModelException(
                                "Model folder " + location + " does not exist or is not a folder");
                    }
                    Path file = dir.resolve(name);
                    if (Files.isRegularFile(file)) {
                        files.put(name, Files.readAllBytes(file));
                    }
                } else {
                    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(location, name);
                    FileSystem fs = file.getFileSystem(hadoop);
                    if (fs.exists(file)) {
                        try (InputStream in = fs.open(file)) {
                            files.put(name, in.readAllBytes());
                        }
                    }
                }
            } catch (IOException e) {
                throw new MalformedModelException(
                        "Model folder " + location + ": cannot read " + name + " (" + e.getMessage() + ")", e);
            }
        }
        // A missing file is left to EmotionClassifier.load, whose message names it.
        return new ModelSource("model folder " + location, files, tta);
    }

    /** Loads a classifier from this source; the caller closes it. */
    EmotionClassifier load() throws MalformedModelException {
        ClassifierOptions options = ClassifierOptions.defaults();
        if (tta != null) {
            options = options.withTestTimeAugmentation(tta);
        }
        if (files.isEmpty()) {
            return EmotionClassifier.loadDefault(options);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("fer-spark-model");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
            return EmotionClassifier.load(dir, options);
        } catch (IOException e) {
            throw new MalformedModelException(
                    description + ": cannot copy to a temporary folder (" + e.getMessage() + ")", e);
        } catch (MalformedModelException e) {
            // The temporary folder means nothing to the user: name the folder they gave.
            throw new MalformedModelException(
                    description + ": " + e.getMessage().replace(dir.toString(), "."), e);
        } finally {
            if (dir != null) {
                // The classifier holds the weights in memory once loaded.
                for (String name : files.keySet()) {
                    dir.resolve(name).toFile().delete();
                }
                dir.toFile().delete();
            }
        }
    }

    boolean hasTestTimeAugmentation() {
        return tta != null;
    }

    ModelSource withTestTimeAugmentation(TestTimeAugmentation augmentation) {
        return new ModelSource(description, files, augmentation);
    }

    String key() {
        return key;
    }

    String description() {
        return description;
    }

    private static String digest(Map<String, byte[]> files) {
        if (files.isEmpty()) {
            return "bundled";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                sha.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(f.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
