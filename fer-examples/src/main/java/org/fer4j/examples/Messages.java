// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's error lines: one line, the path once, the reason always, and no native library internals
 * (source paths and line numbers of OpenCV) unless {@code --verbose} asked for the stack trace.
 */
final class Messages {

    /** An OpenCV exception's text: "OpenCV(4.11.0) /path/file.cpp:836: error: (-2:Unspecified error) what in function 'f'". */
    private static final Pattern OPENCV = Pattern.compile(
            "OpenCV\\([^)]*\\)\\s+\\S+:\\d+:\\s+error:\\s+\\([^)]*\\)\\s*(.*?)(?:\\s+in function\\s+'[^']*')?\\s*$",
            Pattern.DOTALL);

    private Messages() {}

    /**
     * Returns "path: reason" for a failure about one file, naming the path once even when the exception's
     * message starts with it already.
     *
     * @param path the file the failure is about
     * @param e the failure
     * @return the one-line message
     */
    static String about(Path path, Throwable e) {
        String m = reason(e);
        String p = path.toString();
        return m.startsWith(p + ": ") || m.equals(p) ? m : p + ": " + m;
    }

    /**
     * Returns the reason a failure gives, on one line, with native library internals reduced to what they say.
     *
     * @param e the failure
     * @return its message, never blank
     */
    static String reason(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getReason() == null) {
            // The JDK's message is then the bare path, which says nothing of what is wrong.
            String why = e instanceof NoSuchFileException
                    ? "no such file or folder"
                    : e instanceof AccessDeniedException
                            ? "permission denied"
                            : e instanceof NotDirectoryException
                                    ? "not a folder"
                                    : e.getClass().getSimpleName();
            return fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "") + ": " + why;
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return plain(m);
    }

    /**
     * Returns a message on one line with any OpenCV exception text cut to its description.
     *
     * @param message a message
     * @return the plain one-line message
     */
    static String plain(String message) {
        int at = message.indexOf("OpenCV(");
        if (at >= 0) {
            Matcher m = OPENCV.matcher(message.substring(at));
            String what = m.find() && !m.group(1).isBlank() ? m.group(1).strip() : "it failed";
            message = message.substring(0, at) + "OpenCV: " + what + " (--verbose shows the details)";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
