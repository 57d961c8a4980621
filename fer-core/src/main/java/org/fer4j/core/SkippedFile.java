// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.nio.file.Path;

/**
 * An image file that was left out of a dataset, and why.
 *
 * @param path the file
 * @param reason what was wrong with it, for example "not a decodable image"
 */
public record SkippedFile(Path path, String reason) {}
