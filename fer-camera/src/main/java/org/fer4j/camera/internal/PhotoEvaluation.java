// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;
import org.fer4j.core.Progress;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.FaceFolder;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.inference.EvaluationReport;

/**
 * The evaluation of a {@link FaceAnalyzer} on a labelled folder of uncropped photos (one sub-folder per
 * class, as for {@link EvaluationReport}): each photo's faces are detected, and the largest one is
 * classified and scored against the folder's label. Immutable.
 *
 * <pre>{@code
 * PhotoEvaluation e = PhotoEvaluation.evaluate(analyzer, Path.of("photos"));
 * System.out.println(e.noFace().size() + " photos without a face");
 * e.write(Path.of("report"));
 * }</pre>
 *
 * <p>Nothing is dropped silently: a photo where no face is found is left out of the metrics and listed
 * in {@link #noFace()}, and a photo with several faces is scored on its largest face and listed in
 * {@link #severalFaces()}; both counts, and the accuracy over all photos with a faceless photo counted as
 * wrong, are written to {@code evaluation.json} and {@code classification_report.txt}.
 */
public final class PhotoEvaluation {

    private final EvaluationReport report;
    private final int photos;
    private final List<Path> noFace;
    private final List<Path> severalFaces;

    private PhotoEvaluation(EvaluationReport report, int photos, List<Path> noFace, List<Path> severalFaces) {
        this.report = report;
        this.photos = photos;
        this.noFace = Collections.unmodifiableList(new ArrayList<>(noFace));
        this.severalFaces = Collections.unmodifiableList(new ArrayList<>(severalFaces));
    }

    /**
     * Detects and classifies the faces of every photo under {@code folder}: a folder of class
     * sub-folders, or a dataset root whose {@code test/} folder is then used. Sub-folders are matched to
     * the classifier's labels by name. Files that are not images or cannot be decoded are skipped and
     * listed in the report.
     *
     * @param analyzer the analyzer (its classifier's labels name the classes); the caller keeps ownership
     * @param folder the folder of class sub-folders, or a dataset root
     * @return the evaluation
     * @throws IllegalArgumentException if the folder is missing or empty, a sub-folder is not one of the
     *     labels, or no face was found in any photo
     * @throws IOException if a folder cannot be listed
     */
    public static PhotoEvaluation evaluate(FaceAnalyzer analyzer, Path folder) throws IOException {
        return evaluate(analyzer, folder, Progress.NONE);
    }

    /**
     * As {@link #evaluate(FaceAnalyzer, Path)}, telling {@code progress} how many of the photos are done.
     *
     * @param analyzer the analyzer; the caller keeps ownership
     * @param folder the folder of class sub-folders, or a dataset root
     * @param progress receives the stage {@code "finding and classifying faces"} after each file
     * @return the evaluation
     * @throws IllegalArgumentException as {@link #evaluate(FaceAnalyzer, Path)}
     * @throws IOException if a folder cannot be listed
     */
    public static PhotoEvaluation evaluate(FaceAnalyzer analyzer, Path folder, Progress progress) throws IOException {
        EmotionLabels labels = analyzer.classifier().labels();
        Path root = FaceFolder.evaluationFolder(folder, labels);
        List<String> classes = FaceFolder.classFolders(root, 1);
        for (String c : classes) {
            if (labels.indexOf(c) < 0) {
                throw new IllegalArgumentException(
                        "Class folder " + root.resolve(c) + " is not one of the model's labels " + labels.names());
            }
        }
        List<SkippedFile> skipped = new ArrayList<>();
        List<Path> noFace = new ArrayList<>();
        List<Path> several = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<float[]> probabilities = new ArrayList<>();
        List<Path> scored = new ArrayList<>();
        int photos = 0;
        Map<String, List<Path>> filesByClass = new LinkedHashMap<>();
        int total = 0;
        for (String c : classes) {
            try (Stream<Path> s = Files.list(root.resolve(c))) {
                filesByClass.put(
                        c,
                        s.filter(Files::isRegularFile)
                                .filter(p -> !p.getFileName().toString().startsWith("."))
                                .sorted()
                                .toList());
            }
            total += filesByClass.get(c).size();
            // Before any work, as for cropped faces: a class without images would silently drop out of the metrics.
            if (filesByClass.get(c).stream().noneMatch(ImageDecoding::isImageName)) {
                throw new IllegalArgumentException(
                        "Class folder " + root.resolve(c) + " holds no images (file names ending in "
                                + String.join(", ", ImageDecoding.EXTENSIONS) + ")");
            }
        }
        String stage = "finding and classifying faces";
        int done = 0;
        progress.update(stage, 0, total);
        for (String c : classes) {
            for (Path file : filesByClass.get(c)) {
                progress.update(stage, done++, total);
                if (!ImageDecoding.isImageName(file)) {
                    skipped.add(new SkippedFile(
                            file, "not an image file name (" + String.join(", ", ImageDecoding.EXTENSIONS) + ")"));
                    continue;
                }
                List<AnalyzedFace> faces;
                try {
                    faces = analyzer.analyze(file);
                } catch (IllegalArgumentException | IOException e) {
                    String m = String.valueOf(e.getMessage());
                    // The skipped-file list names the path: keep the reason only.
                    skipped.add(new SkippedFile(
                            file,
                            m.startsWith(file + ": ")
                                    ? m.substring(file.toString().length() + 2)
                                    : m));
                    continue;
                }
                photos++;
                if (faces.isEmpty()) {
                    noFace.add(file);
                    continue;
                }
                if (faces.size() > 1) {
                    several.add(file);
                }
                // The analyzer lists faces largest first.
                truth.add(labels.indexOf(c));
                probabilities.add(faces.get(0).prediction().probabilities());
                scored.add(file);
            }
        }
        progress.update(stage, total, total);
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("No face was found in any of the " + photos + " photos under " + root
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " files skipped)") + "; nothing to evaluate");
        }
        int[] trueClasses = truth.stream().mapToInt(Integer::intValue).toArray();
        float[][] rows = probabilities.toArray(new float[0][]);
        Evaluation evaluation = Evaluation.of(labels, trueClasses, rows);
        long correct = Math.round(evaluation.accuracy() * evaluation.total());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("photos", photos);
        details.put("noFace", noFace.size());
        details.put("severalFaces", several.size());
        details.put("accuracyOverPhotos", (double) correct / photos);
        details.put("faceUsed", "the largest face of each photo; photos without a face are not in the metrics above");
        details.put("noFacePhotos", noFace.stream().map(Path::toString).toList());
        details.put("severalFacesPhotos", several.stream().map(Path::toString).toList());
        EvaluationReport report = EvaluationReport.of(
                        evaluation, root, skipped, analyzer.classifier().source(), details)
                .withPredictions(scored, trueClasses, rows)
                .withModel(analyzer.classifier().info());
        return new PhotoEvaluation(report, photos, noFace, several);
    }

    /**
     * Returns the metrics on the faces classified (one per photo with a face), with the detection counts as
     * its details.
     *
     * @return the report
     */
    public EvaluationReport report() {
        return report;
    }

    /**
     * Returns the number of photos read (skipped files not included).
     *
     * @return the photo count
     */
    public int photos() {
        return photos;
    }

    /**
     * Returns the photos in which no face was found; they are not in the metrics.
     *
     * @return the faceless photos, in folder order
     */
    public List<Path> noFace() {
        return noFace;
    }

    /**
     * Returns the photos in which several faces were found; each was scored on its largest face.
     *
     * @return the photos with several faces, in folder order
     */
    public List<Path> severalFaces() {
        return severalFaces;
    }

    /**
     * Returns the accuracy over every photo read, a photo without a face counting as wrong.
     *
     * @return the end-to-end accuracy, 0 to 1
     */
    public double accuracyOverPhotos() {
        return (double) report.details().get("accuracyOverPhotos");
    }

    /**
     * Writes {@code evaluation.json} (with the detection counts and lists) and the other files of
     * {@link EvaluationReport#write(Path)} into {@code dir}; {@code predictions.csv} lists the photos scored.
     *
     * @param dir the folder to write into
     * @throws IOException if a file cannot be written
     */
    public void write(Path dir) throws IOException {
        report.write(dir);
    }
}
