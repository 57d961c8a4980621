// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fer4j.core.internal.FileCaps;

/**
 * The label list of a model: output index to class name and back, immutable.
 *
 * <p>A model's labels, in output order, are part of its {@code model.json}, which inference reads.
 * Training also writes them beside the weights as {@code emotion_labels.json} in the seed's form,
 * {@code {"0": "angry", "1": "disgust", ...}}, for tools that expect that file; resuming a run reads it.
 */
public final class EmotionLabels {

    /** The file name the label list is saved under in a model directory. */
    public static final String FILE_NAME = "emotion_labels.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> names;

    private EmotionLabels(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
    }

    /**
     * Returns a label list with the given names in index order.
     *
     * @param names the class names, output index 0 first
     * @return the label list
     * @throws IllegalArgumentException if the list is empty or holds a blank or duplicate name
     */
    public static EmotionLabels of(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("A label list needs at least one name");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Blank label in " + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Duplicate label '" + name + "' in " + names);
            }
        }
        return new EmotionLabels(names);
    }

    /**
     * Returns a label list with the given names in index order.
     *
     * @param names the class names, output index 0 first
     * @return the label list
     */
    public static EmotionLabels of(String... names) {
        return of(Arrays.asList(names));
    }

    /**
     * Returns the seven FER-2013 labels in sorted-folder order (see {@link Emotion}).
     *
     * @return the FER-2013 label list
     */
    public static EmotionLabels fer2013() {
        List<String> list = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            list.add(e.label());
        }
        return new EmotionLabels(list);
    }

    /**
     * Returns the number of classes.
     *
     * @return the number of classes
     */
    public int size() {
        return names.size();
    }

    /**
     * Returns the name at output index {@code index}.
     *
     * @param index an output index, 0 to {@code size() - 1}
     * @return the class name at that index
     */
    public String name(int index) {
        return names.get(index);
    }

    /**
     * Returns the output index of {@code name}, or -1 when the model has no such class.
     *
     * @param name a class name
     * @return its output index, or -1
     */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /**
     * Returns the names in index order (unmodifiable).
     *
     * @return the class names in index order
     */
    public List<String> names() {
        return names;
    }

    /**
     * Reads a label file in the seed's form.
     *
     * @param file the label file to read
     * @return the label list it holds
     * @throws IOException if the file is missing, is not JSON, or its keys are not exactly 0..n-1
     *     with distinct non-blank names; the message names the file
     */
    public static EmotionLabels read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "label file not found");
        }
        JsonNode root;
        try {
            root = JSON.readTree(FileCaps.readJson(file));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object like {\"0\": \"angry\", ...}");
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            int index;
            try {
                index = Integer.parseInt(e.getKey());
            } catch (NumberFormatException nfe) {
                throw new IOException(file + ": key '" + e.getKey() + "' is not an integer index");
            }
            if (!e.getValue().isTextual()) {
                throw new IOException(file + ": value of key " + e.getKey() + " is not a string");
            }
            if (byIndex.put(index, e.getValue().asText()) != null) {
                throw new IOException(file + ": index " + index + " appears twice");
            }
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            String name = byIndex.get(i);
            if (name == null) {
                throw new IOException(file + ": indices must be 0.." + (byIndex.size() - 1) + " without gaps, but " + i
                        + " is missing (keys: " + byIndex.keySet() + ")");
            }
            list.add(name);
        }
        try {
            return of(list);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes this list to {@code file} in the seed's form.
     *
     * @param file the file to write; an existing one is replaced
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(toIndexMap()));
    }

    /**
     * Returns the seed-form map {@code {"0": name0, ...}} in index order.
     *
     * @return a map from index (as a string) to class name
     */
    public Map<String, String> toIndexMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(Integer.toString(i), names.get(i));
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmotionLabels other && other.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
