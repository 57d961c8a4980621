// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.camera.FaceBox;
import org.fer4j.camera.FaceDetector;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.core.internal.TextFields;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fer predict}: classifies face images, one line per image; with {@code --detect}, finds the faces
 * of each image first and prints one line per face.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Classify face images (each image should show one cropped face).",
            "Each image is also searched for faces: a warning on stderr says when it does not look like one "
                    + "tight face crop. With --detect, every face found is classified instead, one line per face."
        })
final class PredictCommand implements Callable<Integer> {

    /** A face narrower and shorter than this share of the image means the image is not a tight crop. */
    static final double TIGHT_CROP_SHARE = 0.5;

    @Mixin
    ModelOption model;

    @Mixin
    DetectorOption detector;

    @Option(names = "--json", description = "Print one JSON object per line with all probabilities.")
    boolean json;

    @Option(
            names = "--detect",
            description = "Find the faces in each image and classify each one (largest first), "
                    + "rather than the whole image.")
    boolean detect;

    @Parameters(
            arity = "1..*",
            paramLabel = "IMAGE",
            description = "Image files (JPEG, PNG, BMP, GIF, WebP, TIFF; turned upright by their EXIF orientation).")
    List<Path> images;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        if (detector.problem() != null) {
            System.err.println("fer predict: " + detector.problem());
            return 2;
        }
        int failures = 0;
        try (EmotionClassifier fer = model.load();
                FaceDetector faces = detector.open(false);
                FaceAnalyzer analyzer = FaceAnalyzer.builder()
                        .setClassifier(fer)
                        .optDetector(faces)
                        .build()) {
            for (Path image : images) {
                try {
                    if (detect) {
                        printFaces(image, analyzer.analyze(image));
                    } else {
                        // Decoded once, as every path decodes (EXIF orientation, pixel limit), for both uses.
                        BufferedImage picture = ImageDecoding.read(image);
                        EmotionPrediction p = fer.predict(picture);
                        notTightCrop(image, analyzer.analyze(picture), picture.getWidth(), picture.getHeight())
                                .ifPresent(w -> System.err.println("fer: " + w));
                        System.out.println(
                                json
                                        ? mapper.writeValueAsString(toJson(image, p))
                                        : String.format(
                                                Locale.ROOT,
                                                "%s\t%s\t%.4f",
                                                TextFields.tsv(image.toString()),
                                                TextFields.tsv(p.label()),
                                                p.probability()));
                    }
                } catch (IOException | IllegalArgumentException e) {
                    failures++;
                    System.err.println("fer: " + Messages.about(image, e));
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private void printFaces(Path image, List<AnalyzedFace> faces) throws IOException {
        if (faces.isEmpty()) {
            System.err.println("fer: " + image + ": no face found");
            return;
        }
        for (int i = 0; i < faces.size(); i++) {
            AnalyzedFace f = faces.get(i);
            FaceBox b = f.box();
            if (json) {
                Map<String, Object> m = toJson(image, f.prediction());
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("path", m.remove("path"));
                line.put("face", i + 1);
                line.put("box", Map.of("x", b.x(), "y", b.y(), "width", b.width(), "height", b.height()));
                line.put("score", Math.round(f.detection().score() * 1000) / 1000.0);
                line.putAll(m);
                System.out.println(mapper.writeValueAsString(line));
            } else {
                System.out.println(String.format(
                        Locale.ROOT,
                        "%s\tface %d\t%d,%d %dx%d\t%s\t%.4f",
                        TextFields.tsv(image.toString()),
                        i + 1,
                        b.x(),
                        b.y(),
                        b.width(),
                        b.height(),
                        TextFields.tsv(f.prediction().label()),
                        f.prediction().probability()));
            }
        }
    }

    /**
     * Returns a warning when the detector says the image is not one tight face crop: no face, several
     * faces, or one face much smaller than the image. The whole image is still what was classified.
     */
    static Optional<String> notTightCrop(Path image, List<AnalyzedFace> faces, int width, int height) {
        String advice = "; classified the whole image as one face (use --detect to classify each face found)";
        if (faces.isEmpty()) {
            return Optional.of(image + ": the detector found no face" + advice);
        }
        if (faces.size() > 1) {
            return Optional.of(image + ": the detector found " + faces.size() + " faces" + advice);
        }
        FaceBox b = faces.get(0).box();
        if (b.width() < TIGHT_CROP_SHARE * width && b.height() < TIGHT_CROP_SHARE * height) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "%s: not a tight face crop (a %dx%d face in a %dx%d image)%s",
                    image,
                    b.width(),
                    b.height(),
                    width,
                    height,
                    advice));
        }
        return Optional.empty();
    }

    static Map<String, Object> toJson(Path image, EmotionPrediction p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", image.toString());
        m.put("emotion", p.label());
        m.put("probability", p.probability());
        Map<String, Float> all = new LinkedHashMap<>();
        float[] probs = p.probabilities();
        for (int i = 0; i < probs.length; i++) {
            all.put(p.labels().name(i), probs[i]);
        }
        m.put("probabilities", all);
        return m;
    }
}
