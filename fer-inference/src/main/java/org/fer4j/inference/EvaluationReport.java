package org.fer4j.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.Evaluation;
import org.fer4j.core.FaceFolder;
import org.fer4j.core.Progress;
import org.fer4j.core.SkippedFile;

/**
 * The evaluation of a classifier on an image folder of class sub-folders (the seed's "model
 * analysis"), with the files it writes: {@code evaluation.json}, {@code classification_report.txt}
 * and {@code confusion_matrix.png}. Immutable.
 *
 * <pre>{@code
 * EvaluationReport r = EvaluationReport.evaluate(classifier, Path.of("fer2013/test"));
 * System.out.println(r.evaluation().classificationReport());
 * r.write(Path.of("report"));
 * }</pre>
 */
public final class EvaluationReport {

    /** The stage name {@link #evaluate(EmotionClassifier, Path, Progress)} reports while it classifies. */
    public static final String CLASSIFYING = "classifying images";
    /** Images classified between two progress updates; a multiple of the classifier's batch, so results stay the same. */
    private static final int PROGRESS_STEP = 512;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The top-level keys of evaluation.json that {@link #toJson()} always writes. */
    private static final List<String> KEYS = List.of("accuracy", "loss", "macroF1", "weightedF1", "labels",
            "perClass", "confusionMatrix", "images", "skipped", "model");

    private final Evaluation evaluation;
    private final Path folder;
    private final List<SkippedFile> skipped;
    private final String model;
    private final Map<String, Object> details;

    private EvaluationReport(Evaluation evaluation, Path folder, List<SkippedFile> skipped, String model,
            Map<String, Object> details) {
        this.evaluation = evaluation;
        this.folder = folder;
        this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
        this.model = model;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Returns a report of metrics computed elsewhere, for example on faces found in photos by a detector,
     * with {@code details} saying how the images were turned into the evaluated ones: they follow the
     * standard entries in {@code evaluation.json}, and those with a number or text value also close
     * {@code classification_report.txt}.
     *
     * @param evaluation the metrics
     * @param folder the folder of class sub-folders that was evaluated
     * @param skipped the files that could not be read
     * @param model the model's source, as {@link EmotionClassifier#source()} gives it
     * @param details extra entries, JSON-serialisable, in the order given
     * @return the report
     * @throws IllegalArgumentException if a detail reuses one of the standard keys
     */
    public static EvaluationReport of(Evaluation evaluation, Path folder, List<SkippedFile> skipped, String model,
            Map<String, ?> details) {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(model, "model");
        for (String key : details.keySet()) {
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("Detail key '" + key + "' is a standard key of evaluation.json");
            }
        }
        return new EvaluationReport(evaluation, folder, skipped, model, new LinkedHashMap<>(details));
    }

    /**
     * Evaluates {@code classifier} on {@code folder}: a folder of class sub-folders, or a dataset
     * root whose {@code test/} folder is then used. Sub-folders are matched to the model's labels by
     * name, so a folder missing a class works.
     * The report's details name the test-time augmentation used ({@code testTimeAugmentation}).
     *
     * @param classifier the classifier to evaluate; the caller keeps ownership
     * @param folder the folder of class sub-folders, or a dataset root
     * @return the report
     * @throws IllegalArgumentException if the folder is missing, empty, or has a sub-folder that is
     *     not one of the model's labels
     * @throws IOException if listing the folder fails
     */
    public static EvaluationReport evaluate(EmotionClassifier classifier, Path folder) throws IOException {
        return evaluate(classifier, folder, Progress.NONE);
    }

    /**
     * Evaluates as {@link #evaluate(EmotionClassifier, Path)} does, telling {@code progress} how far it is:
     * the stage {@link FaceFolder#DECODING}, then {@link #CLASSIFYING}, both counted in images.
     *
     * @param classifier the classifier to evaluate; the caller keeps ownership
     * @param folder the folder of class sub-folders, or a dataset root
     * @param progress receives the images decoded, then the images classified
     * @return the report
     * @throws IllegalArgumentException if the folder is missing, empty, or has a sub-folder that is
     *     not one of the model's labels
     * @throws IOException if listing the folder fails
     */
    public static EvaluationReport evaluate(EmotionClassifier classifier, Path folder, Progress progress)
            throws IOException {
        Path classes = resolve(folder, classifier);
        FaceFolder data = FaceFolder.load(classes, classifier.labels(), classifier.info().preprocessing(), progress);
        List<float[]> inputs = new ArrayList<>(data.size());
        int[] truth = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            inputs.add(data.image(i));
            truth[i] = data.classOf(i);
        }
        List<EmotionPrediction> predictions = new ArrayList<>(inputs.size());
        progress.update(CLASSIFYING, 0, inputs.size());
        for (int start = 0; start < inputs.size(); start += PROGRESS_STEP) {
            predictions.addAll(classifier.predictInputs(
                    inputs.subList(start, Math.min(inputs.size(), start + PROGRESS_STEP))));
            progress.update(CLASSIFYING, predictions.size(), inputs.size());
        }
        float[][] p = new float[predictions.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions.get(i).probabilities();
        }
        return new EvaluationReport(Evaluation.of(classifier.labels(), truth, p), classes, data.skipped(),
                classifier.source(), Map.of("testTimeAugmentation", classifier.testTimeAugmentation().id()));
    }

    private static Path resolve(Path folder, EmotionClassifier classifier) {
        Path test = folder.resolve("test");
        if (Files.isDirectory(test) && classifier.labels().indexOf("test") < 0) {
            return test;
        }
        return folder;
    }

    /**
     * Returns the metrics.
     *
     * @return the metrics
     */
    public Evaluation evaluation() {
        return evaluation;
    }

    /**
     * Returns the folder of class sub-folders that was evaluated.
     *
     * @return the evaluated folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * Returns the files that could not be read, with reasons.
     *
     * @return the skipped files with their reasons
     */
    public List<SkippedFile> skipped() {
        return skipped;
    }

    /**
     * Returns the model's source: its folder, or {@code "default"}.
     *
     * @return the model folder, or {@code "default"}
     */
    public String model() {
        return model;
    }

    /**
     * Returns the extra entries given to {@link #of}, empty for a plain folder evaluation.
     *
     * @return the details, in their order
     */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * Returns the {@code evaluation.json} content: {@code accuracy}, {@code loss}, {@code macroF1},
     * {@code weightedF1}, {@code labels}, {@code perClass}, {@code confusionMatrix} (rows = true class),
     * {@code images}, {@code skipped} and {@code model}, then the {@link #details()}.
     *
     * @return the report as a JSON-ready map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", evaluation.accuracy());
        m.put("loss", evaluation.loss());
        m.put("macroF1", evaluation.macroF1());
        m.put("weightedF1", evaluation.weightedF1());
        m.put("labels", evaluation.labels().names());
        m.put("perClass", evaluation.perClass());
        m.put("confusionMatrix", evaluation.confusionMatrix());
        m.put("images", evaluation.total());
        List<Map<String, String>> skip = new ArrayList<>();
        for (SkippedFile s : skipped) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("path", s.path().toString());
            e.put("reason", s.reason());
            skip.add(e);
        }
        m.put("skipped", skip);
        m.put("model", model);
        m.putAll(details);
        return m;
    }

    /**
     * Writes {@code evaluation.json}, {@code classification_report.txt} and {@code confusion_matrix.png} into {@code dir}.
     *
     * @param dir the folder to write into
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("evaluation.json").toFile(), toJson());
        StringBuilder text = new StringBuilder(evaluation.classificationReport());
        if (details.values().stream().anyMatch(v -> v instanceof Number || v instanceof CharSequence)) {
            text.append('\n');
            details.forEach((key, value) -> {
                if (value instanceof Number || value instanceof CharSequence) {
                    text.append(key).append(": ").append(value).append('\n');
                }
            });
        }
        Files.writeString(dir.resolve("classification_report.txt"), text.toString());
        ConfusionMatrixChart.write(evaluation, dir.resolve("confusion_matrix.png"));
    }
}
