// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;

/** Resolves the dataset location from an option or the {@code FER_DATA} environment variable. */
final class DataPaths {

    private DataPaths() {}

    static Path root(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("FER_DATA");
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("No data folder: pass --data DIR or set FER_DATA");
        }
        return Path.of(env);
    }
}
