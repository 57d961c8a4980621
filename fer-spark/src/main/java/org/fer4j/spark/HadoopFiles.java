// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Gives a task a local file for a path Spark listed: local paths as they are, others (HDFS, S3, ...)
 * copied through Hadoop's file systems with the driver's Hadoop settings, because FFmpeg reads only
 * local files. Serializable, so the settings travel with the task.
 */
final class HadoopFiles implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient Configuration conf;

    HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** A local copy of a file, or the file itself; {@link #close()} deletes only a copy. */
    static final class Local implements AutoCloseable {
        private final Path path;
        private final boolean copy;

        private Local(Path path, boolean copy) {
            this.path = path;
            this.copy = copy;
        }

        Path path() {
            return path;
        }

        @Override
        public void close() throws IOException {
            if (copy) {
                Files.deleteIfExists(path);
            }
        }
    }

    Local localize(String location) throws IOException {
        URI uri;
        try {
            // Spark lists paths as URIs, with special characters escaped.
            uri = new URI(location);
        } catch (java.net.URISyntaxException e) {
            // A path given by hand (spaces and all): Hadoop's parser escapes it.
            uri = new org.apache.hadoop.fs.Path(location).toUri();
        }
        if (uri.getScheme() == null) {
            return new Local(Path.of(location), false);
        }
        if ("file".equals(uri.getScheme())) {
            return new Local(Path.of(uri), false);
        }
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = remote.getFileSystem(conf);
        String name = remote.getName();
        String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
        Path local = Files.createTempFile("fer-spark-", suffix);
        try (InputStream in = fs.open(remote)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(local);
            throw e;
        }
        return new Local(local, true);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        conf.write(out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        conf = new Configuration(false);
        conf.readFields(in);
    }
}
