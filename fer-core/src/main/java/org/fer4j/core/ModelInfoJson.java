// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file form of a {@link ModelInfo}: the field order written to {@code model.json} and the checks made
 * when reading one, so that every error names the file and the field. Kept apart from the description
 * itself, which stays a plain value.
 */
final class ModelInfoJson {

    /** The mapper for {@code model.json}: indented, and fields this version does not know are ignored. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelInfoJson() {}

    /** Writes {@code info} as {@code model.json} into {@code dir}, atomically replacing an older one. */
    static void write(ModelInfo info, Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("architecture", info.architecture());
        root.put("inputShape", new int[] {1, Preprocessing.SIZE, Preprocessing.SIZE});
        root.put("preprocessing", info.preprocessing().describe());
        root.put("labels", info.labels().names());
        putIfPresent(root, "inference", info.inference().orElse(null));
        putIfPresent(root, "training", info.trainingNode());
        putIfPresent(root, "results", info.results().orElse(null));
        putIfPresent(root, "provenance", info.provenance().orElse(null));
        Path tmp = dir.resolve(ModelInfo.FILE_NAME + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root));
        Files.move(
                tmp,
                dir.resolve(ModelInfo.FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putIfPresent(Map<String, Object> root, String name, Object section) {
        if (section != null) {
            root.put(name, section);
        }
    }

    /** Parses a {@code model.json}; see {@link ModelInfo#parse(byte[], String)}. */
    static ModelInfo parse(byte[] json, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a JSON object");
        }
        JsonNode arch = root.get("architecture");
        if (arch == null || !arch.isTextual()) {
            throw new IOException(source + ": missing string field 'architecture'");
        }
        JsonNode labelsNode = root.get("labels");
        if (labelsNode == null || !labelsNode.isArray()) {
            throw new IOException(source + ": missing array field 'labels'");
        }
        List<String> names = new ArrayList<>();
        labelsNode.forEach(n -> names.add(n.asText()));
        EmotionLabels labels;
        try {
            labels = EmotionLabels.of(names);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        JsonNode described = root.get("preprocessing");
        if (described == null || !described.isObject()) {
            throw new IOException(source + ": missing object field 'preprocessing'");
        }
        Preprocessing preprocessing;
        try {
            preprocessing = Preprocessing.fromDescription(JSON.convertValue(described, Map.class));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        JsonNode training = root.get("training");
        if (training != null && !training.isObject()) {
            throw new IOException(source + ": section 'training' is not a JSON object");
        }
        return new ModelInfo(
                arch.asText(),
                labels,
                preprocessing,
                training,
                section(root, "results", ModelInfo.Results.class, source),
                section(root, "provenance", ModelInfo.Provenance.class, source),
                section(root, "inference", InferenceSettings.class, source));
    }

    private static <T> T section(JsonNode root, String name, Class<T> type, String source) throws IOException {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new IOException(source + ": section '" + name + "' is not readable (" + reason + ")", e);
        }
    }
}
