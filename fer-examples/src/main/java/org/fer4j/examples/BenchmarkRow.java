// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

/**
 * One row of {@code fer benchmark}'s table and of its JSON file.
 *
 * @param benchmark what was measured and how
 * @param value a number rounded to two decimals, or a word such as {@code "yes"}
 * @param unit the unit of a number, empty for a word
 */
record BenchmarkRow(String benchmark, Object value, String unit) {

    /** Returns a row of a measured number, rounded to two decimals. */
    static BenchmarkRow of(String benchmark, double value, String unit) {
        return new BenchmarkRow(benchmark, Math.round(value * 100) / 100.0, unit);
    }

    /** Returns the value as the table shows it: a number with two decimals, or the word. */
    String valueText() {
        return value instanceof Number number
                ? String.format(java.util.Locale.ROOT, "%.2f", number.doubleValue())
                : value.toString();
    }
}
