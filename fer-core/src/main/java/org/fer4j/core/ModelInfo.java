package org.fer4j.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model directory's {@code model.json} says: the architecture name, the label list, the
 * preprocessing the model was trained with, and free-form sections for hyper-parameters, results and provenance. Immutable.
 *
 * <p>Training writes it, inference reads it to rebuild the same network; the parameters themselves
 * are in {@link #PARAMETERS_FILE} beside it.
 */
public final class ModelInfo {

    /** File name of the description in a model directory. */
    public static final String FILE_NAME = "model.json";
    /** File name of the network parameters (DJL block format) in a model directory. */
    public static final String PARAMETERS_FILE = "model.params";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String architecture;
    private final EmotionLabels labels;
    private final Preprocessing preprocessing;
    private final Map<String, Object> sections;

    private ModelInfo(String architecture, EmotionLabels labels, Preprocessing preprocessing,
            Map<String, Object> sections) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /**
     * Returns a description with the given architecture, labels and preprocessing and no other sections.
     *
     * @param architecture the architecture name
     * @param labels the label list in output order
     * @param preprocessing the preprocessing the model was trained with
     * @return the model description
     */
    public static ModelInfo of(String architecture, EmotionLabels labels, Preprocessing preprocessing) {
        return new ModelInfo(architecture, labels, preprocessing, Map.of());
    }

    /**
     * Returns a copy with the named section (for example {@code "training"}) set to {@code value}.
     *
     * @param name the section name
     * @param value the section content, serialisable to JSON
     * @return a new description with that section
     */
    public ModelInfo withSection(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(sections);
        copy.put(name, value);
        return new ModelInfo(architecture, labels, preprocessing, copy);
    }

    /**
     * Returns the architecture name, a key of {@link org.fer4j.core.nn.Architectures}.
     *
     * @return the architecture name
     */
    public String architecture() {
        return architecture;
    }

    /**
     * Returns the label list in output order.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return labels;
    }

    /**
     * Returns the preprocessing the model was trained with, which inference must apply.
     *
     * @return the model's preprocessing
     */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Returns the extra sections (hyper-parameters, results, provenance) as read or set.
     *
     * @return the sections by name (unmodifiable)
     */
    public Map<String, Object> sections() {
        return sections;
    }

    /**
     * Writes {@code model.json} into {@code dir}, atomically replacing an older one.
     *
     * @param dir the model directory
     * @throws IOException if the file cannot be written
     */
    public void write(Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", 1);
        root.put("architecture", architecture);
        root.put("inputShape", new int[] {1, Preprocessing.SIZE, Preprocessing.SIZE});
        root.put("preprocessing", preprocessing.describe());
        root.put("labels", labels.names());
        root.putAll(sections);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root));
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads {@code model.json} from a model directory.
     *
     * @param dir the model directory
     * @return the model description
     * @throws IOException if the file is missing, not JSON, or lacks the architecture or labels;
     *     the message names the file
     */
    public static ModelInfo read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model description not found");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the bytes of a {@code model.json}; {@code source} names it in error messages.
     *
     * @param json the file content
     * @param source the file name or other origin, for error messages
     * @return the model description
     * @throws IOException if it is not JSON or lacks the architecture or labels
     */
    @SuppressWarnings("unchecked")
    public static ModelInfo parse(byte[] json, String source) throws IOException {
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
        Map<String, Object> sections = new LinkedHashMap<>(JSON.convertValue(root, Map.class));
        Object described = sections.get("preprocessing");
        if (!(described instanceof Map)) {
            throw new IOException(source + ": missing object field 'preprocessing'");
        }
        Preprocessing preprocessing;
        try {
            preprocessing = Preprocessing.fromDescription((Map<?, ?>) described);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        for (String key : List.of("format", "architecture", "inputShape", "preprocessing", "labels")) {
            sections.remove(key);
        }
        return new ModelInfo(arch.asText(), labels, preprocessing, sections);
    }
}
