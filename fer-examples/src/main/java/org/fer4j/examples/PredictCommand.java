package org.fer4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fer predict}: classifies face images, one line per image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify face images (each image should show one cropped face).")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--json", description = "Print one JSON object per line with all probabilities.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files (JPEG, PNG, BMP, GIF).")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        int failures = 0;
        try (EmotionClassifier fer = model.load()) {
            for (Path image : images) {
                try {
                    EmotionPrediction p = fer.predict(image);
                    System.out.println(json ? mapper.writeValueAsString(toJson(image, p))
                            : String.format(Locale.ROOT, "%s\t%s\t%.4f", image, p.label(), p.probability()));
                } catch (java.io.IOException | IllegalArgumentException e) {
                    failures++;
                    System.err.println("fer: " + image + ": " + e.getMessage());
                }
            }
        }
        return failures == 0 ? 0 : 1;
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
