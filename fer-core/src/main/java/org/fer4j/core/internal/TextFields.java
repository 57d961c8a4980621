// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

/**
 * Escaping of the text fields fer4j prints (file names, labels a {@code model.json} chose), so a field
 * can never break a line or a column of tab-separated, comma-separated or console output.
 */
public final class TextFields {

    private TextFields() {}

    /**
     * Returns a field for tab-separated output: backslash, tab, newline and carriage return become a
     * backslash followed by a backslash, t, n or r; other control characters a backslash, u and four hex digits.
     *
     * @param field the text
     * @return the escaped text, the same string when nothing needed escaping
     */
    public static String tsv(String field) {
        StringBuilder sb = null;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> Character.isISOControl(c) ? String.format("\\" + "u%04x", (int) c) : null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(field.length() + 8).append(field, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? field : sb.toString();
    }

    /**
     * Returns a field for comma-separated output (RFC 4180): quoted, with quotes doubled, when it holds a
     * comma, quote, newline or carriage return.
     *
     * @param field the text
     * @return the field as written in a CSV row
     */
    public static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
