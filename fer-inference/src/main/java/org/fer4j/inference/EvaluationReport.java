// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.fer4j.core.Evaluation;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Progress;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.FaceFolder;

/**
 * The evaluation of a classifier on an image folder of class sub-folders (the seed's "model
 * analysis"), with the files it writes: {@code evaluation.json}, {@code classification_report.txt},
 * {@code confusion_matrix.png}, {@code reliability_diagram.png}, and, when each image's prediction is
 * known, {@code predictions.csv} and {@code confident_mistakes.png}. Immutable.
 *
 * <pre>{@code
 * EvaluationReport r = EvaluationReport.evaluate(classifier, Path.of("fer2013/test"));
 * System.out.println(r.evaluation().classificationReport());
 * r.write(Path.of("report"));
 * }</pre>
 */
public final class EvaluationReport {

    /** The stage name {@link #evaluate(EmotionClassifier, Path, Progress)} reports while it decodes. */
    public static final String DECODING = FaceFolder.DECODING;

    /** The stage name {@link #evaluate(EmotionClassifier, Path, Progress)} reports while it classifies. */
    public static final String CLASSIFYING = "classifying images";
    /** Images classified between two progress updates; a multiple of the classifier's batch, so results stay the same. */
    private static final int PROGRESS_STEP = 512;

    /** The top-level keys of evaluation.json that {@link #toJson()} always writes. */
    private static final List<String> KEYS = List.of(
            "accuracy",
            "loss",
            "negativeLogLikelihood",
            "expectedCalibrationError",
            "macroF1",
            "weightedF1",
            "labels",
            "perClass",
            "confusionMatrix",
            "calibrationBins",
            "images",
            "skipped",
            "data",
            "model",
            "modelDetails",
            "selectionSplit");

    /** What the report says when the evaluated images are the ones that chose the model's epoch. */
    public static final String SELECTION_SPLIT_NOTE = "this is the split the model was selected on (its validation"
            + " split), so these figures are validation figures, not a held-out test";

    private final Evaluation evaluation;
    private final Path folder;
    private final List<SkippedFile> skipped;
    private final String model;
    private final Map<String, Object> modelDetails;
    private final String selectionSplit;
    private final Map<String, Object> details;
    /** Per image, when known (else empty): the file, its true class, its probabilities. */
    private final List<Path> files;

    private final int[] truth;
    private final float[][] probabilities;

    private EvaluationReport(
            Evaluation evaluation,
            Path folder,
            List<SkippedFile> skipped,
            String model,
            Map<String, Object> modelDetails,
            String selectionSplit,
            Map<String, Object> details,
            List<Path> files,
            int[] truth,
            float[][] probabilities) {
        this.evaluation = evaluation;
        this.folder = folder;
        this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
        this.model = model;
        this.modelDetails = Collections.unmodifiableMap(new LinkedHashMap<>(modelDetails));
        this.selectionSplit = selectionSplit;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.files = List.copyOf(files);
        this.truth = truth.clone();
        this.probabilities = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            this.probabilities[i] = probabilities[i].clone();
        }
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
    public static EvaluationReport of(
            Evaluation evaluation, Path folder, List<SkippedFile> skipped, String model, Map<String, ?> details) {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(model, "model");
        for (String key : details.keySet()) {
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("Detail key '" + key + "' is a standard key of evaluation.json");
            }
        }
        return new EvaluationReport(
                evaluation,
                folder,
                skipped,
                model,
                Map.of(),
                null,
                new LinkedHashMap<>(details),
                List.of(),
                new int[0],
                new float[0][]);
    }

    /**
     * Returns a copy that knows each image's prediction, so that {@link #write} adds {@code predictions.csv}
     * and {@code confident_mistakes.png}: image i is {@code files.get(i)}, of true class {@code truth[i]}
     * (an index of the report's labels), predicted with {@code probabilities[i]}.
     *
     * @param files the image files, in evaluation order
     * @param truth the true class index of each image
     * @param probabilities the probabilities of each image, in label order
     * @return the report with the predictions
     * @throws IllegalArgumentException if the three do not have one entry per evaluated image
     */
    public EvaluationReport withPredictions(List<Path> files, int[] truth, float[][] probabilities) {
        if (files.size() != evaluation.total()
                || truth.length != evaluation.total()
                || probabilities.length != evaluation.total()) {
            throw new IllegalArgumentException(
                    "Need one file, label and probability row per evaluated image (" + evaluation.total() + "), got "
                            + files.size() + ", " + truth.length + " and " + probabilities.length);
        }
        return new EvaluationReport(
                evaluation, folder, skipped, model, modelDetails, selectionSplit, details, files, truth, probabilities);
    }

    /**
     * Returns a copy that describes the model that was evaluated (architecture, best epoch, training data)
     * and, when {@code folder} is the validation split recorded in its {@code model.json}, says so with
     * {@link #SELECTION_SPLIT_NOTE}.
     *
     * @param info the evaluated model's description
     * @return the report with the model's details
     */
    public EvaluationReport withModel(ModelInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architecture", info.architecture());
        info.results().ifPresent(r -> {
            m.put("bestEpoch", r.bestEpoch());
            m.put("validationSplit", r.validationSplit());
            m.put("validationAccuracy", r.validationAccuracy());
        });
        info.provenance().ifPresent(p -> m.put("trainedOn", p.data()));
        return new EvaluationReport(
                evaluation,
                folder,
                skipped,
                model,
                m,
                SelectionSplit.note(info, folder, evaluation),
                details,
                files,
                truth,
                probabilities);
    }

    /**
     * Evaluates {@code classifier} on {@code folder}: a folder of class sub-folders, or a dataset
     * root whose {@code test/} folder is then used. Sub-folders are matched to the model's labels by
     * name, so a folder missing a class works.
     * The report's details name the views of each face ({@code testTimeAugmentation}, {@code centreCrop}).
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
     * the stage {@link #DECODING}, then {@link #CLASSIFYING}, both counted in images.
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
        FaceFolder data =
                FaceFolder.load(classes, classifier.labels(), classifier.info().preprocessing(), progress);
        List<float[]> inputs = new ArrayList<>(data.size());
        int[] truth = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            inputs.add(data.image(i));
            truth[i] = data.classOf(i);
        }
        List<EmotionPrediction> predictions = new ArrayList<>(inputs.size());
        progress.update(CLASSIFYING, 0, inputs.size());
        for (int start = 0; start < inputs.size(); start += PROGRESS_STEP) {
            predictions.addAll(
                    classifier.predictInputs(inputs.subList(start, Math.min(inputs.size(), start + PROGRESS_STEP))));
            progress.update(CLASSIFYING, predictions.size(), inputs.size());
        }
        float[][] p = new float[predictions.size()][];
        List<Path> files = new ArrayList<>(p.length);
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions.get(i).probabilities();
            files.add(data.path(i));
        }
        return of(
                        Evaluation.of(classifier.labels(), truth, p),
                        classes,
                        data.skipped(),
                        classifier.source(),
                        // Sorted, so evaluation.json lists them in the same order every time.
                        new TreeMap<String, Object>(Map.of(
                                "testTimeAugmentation",
                                classifier.testTimeAugmentation().id(),
                                "centreCrop",
                                classifier.centreCrop())))
                .withPredictions(files, truth, p)
                .withModel(classifier.info());
    }

    private static Path resolve(Path folder, EmotionClassifier classifier) {
        return FaceFolder.evaluationFolder(folder, classifier.labels());
    }

    /**
     * Returns each evaluated image's probabilities, in the order of the files, or an empty array when the
     * report was made without them.
     *
     * @return a copy of the probability rows
     */
    public float[][] probabilities() {
        if (probabilities == null) {
            return new float[0][];
        }
        float[][] copy = new float[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        return copy;
    }

    /**
     * Returns each evaluated image's true class index, in the order of the files, or an empty array when
     * the report was made without predictions.
     *
     * @return a copy of the true classes
     */
    public int[] truth() {
        return truth == null ? new int[0] : truth.clone();
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
     * Returns {@link #SELECTION_SPLIT_NOTE} (with how the split was recognised) when the evaluated folder is
     * the one that chose the model's epoch, as {@link #withModel} found; empty otherwise.
     *
     * @return the note, if the folder is the model's validation split
     */
    public Optional<String> selectionSplit() {
        return Optional.ofNullable(selectionSplit);
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
     * Returns the {@code evaluation.json} content: {@code accuracy}, {@code loss},
     * {@code negativeLogLikelihood} (the same number), {@code expectedCalibrationError}, {@code macroF1},
     * {@code weightedF1}, {@code labels}, {@code perClass}, {@code confusionMatrix} (rows = true class),
     * {@code calibrationBins}, {@code images}, {@code skipped}, {@code data} (the evaluated folder, absolute),
     * {@code model}, {@code modelDetails} and {@code selectionSplit} (the note, or null), then the
     * {@link #details()}.
     *
     * @return the report as a JSON-ready map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", evaluation.accuracy());
        m.put("loss", evaluation.loss());
        m.put("negativeLogLikelihood", evaluation.negativeLogLikelihood());
        m.put("expectedCalibrationError", evaluation.expectedCalibrationError());
        m.put("macroF1", evaluation.macroF1());
        m.put("weightedF1", evaluation.weightedF1());
        m.put("labels", evaluation.labels().names());
        m.put("perClass", ReportFiles.perClass(evaluation));
        m.put("confusionMatrix", evaluation.confusionMatrix());
        m.put("calibrationBins", ReportFiles.calibrationBins(evaluation));
        m.put("images", evaluation.total());
        List<Map<String, String>> skip = new ArrayList<>();
        for (SkippedFile s : skipped) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("path", s.path().toString());
            e.put("reason", s.reason());
            skip.add(e);
        }
        m.put("skipped", skip);
        m.put("data", folder.toAbsolutePath().normalize().toString());
        m.put("model", model);
        m.put("modelDetails", modelDetails);
        m.put("selectionSplit", selectionSplit);
        m.putAll(details);
        return m;
    }

    /**
     * Writes {@code evaluation.json}, {@code classification_report.txt}, {@code confusion_matrix.png} and
     * {@code reliability_diagram.png} into {@code dir}, and, when the predictions are known,
     * {@code predictions.csv} and {@code confident_mistakes.png}.
     *
     * @param dir the folder to write into
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        ReportFiles.write(this, files, truth, probabilities, dir);
    }
}
