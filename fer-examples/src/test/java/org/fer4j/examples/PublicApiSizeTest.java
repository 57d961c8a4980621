// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.core.EmotionLabels;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.training.FerTrainer;
import org.junit.jupiter.api.Test;

/**
 * Keeps the four libraries' public surface small: the types a user can name, nested ones included and the
 * {@code internal} packages left out, are at most the number docs/architecture.md gives and lists.
 */
class PublicApiSizeTest {

    private static final int LIMIT = 45;

    @Test
    void theLibrariesExposeAtMost45PublicTypes() throws Exception {
        TreeSet<String> types = new TreeSet<>();
        for (Class<?> anchor :
                List.of(EmotionLabels.class, EmotionClassifier.class, FerTrainer.class, EmotionCamera.class)) {
            String pkg = anchor.getPackageName();
            for (String name : classNames(anchor)) {
                if (!name.startsWith(pkg + ".") || name.contains(".internal.") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, anchor.getClassLoader());
                if (reachable(c)) {
                    types.add(c.getName());
                }
            }
        }
        // A change that adds a public type must remove one, or move it to an internal package.
        assertThat(types).as("public types: %s", types).hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(types).contains("org.fer4j.inference.EmotionClassifier", "org.fer4j.camera.FrameSink$TimelineChart");
    }

    /** A user can name a type when it and every type around it are public, and it has a name. */
    private static boolean reachable(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The binary names of every class in the jar or folder {@code anchor} was loaded from. */
    private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
        Path where = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(binaryName(where.relativize(f).toString())));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (entry.endsWith(".class") && !entry.startsWith("META-INF")) {
                        names.add(binaryName(entry));
                    }
                }
            }
        }
        return names;
    }

    private static String binaryName(String classFile) {
        return classFile
                .substring(0, classFile.length() - ".class".length())
                .replace('\\', '/')
                .replace('/', '.');
    }
}
