package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    @TempDir
    Path tmp;

    private Path folder(Path root, List<String> classes, int perClass) throws IOException {
        for (String c : classes) {
            Path dir = Files.createDirectories(root.resolve(c));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(TestModels.image(c.hashCode() + i, 48, 48), "png", dir.resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    @Test
    void writesTheJsonSchemaReportAndChart() throws Exception {
        Path data = folder(tmp.resolve("data/test"), List.of("happy", "sad", "angry"), 5);
        Files.write(data.resolve("sad/broken.jpg"), new byte[] {1, 2, 3});
        Path model = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        try (EmotionClassifier fer = EmotionClassifier.load(model)) {
            // A dataset root is accepted too: its test/ folder is used. Disgust, fear... have no folder.
            EvaluationReport report = EvaluationReport.evaluate(fer, tmp.resolve("data"));
            assertThat(report.folder()).isEqualTo(data);
            assertThat(report.evaluation().total()).isEqualTo(15);
            assertThat(report.evaluation().support("disgust")).isZero();
            Path out = tmp.resolve("report");
            report.write(out);

            JsonNode json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("accuracy", "loss", "macroF1", "weightedF1", "labels", "perClass",
                    "confusionMatrix", "images", "skipped", "model", "testTimeAugmentation");
            assertThat(json.get("testTimeAugmentation").asText()).as("a model.json without an inference section").isEqualTo("none");
            assertThat(json.get("labels")).hasSize(7);
            assertThat(json.get("labels").get(0).asText()).isEqualTo("angry");
            List<String> perClassFields = new ArrayList<>();
            json.at("/perClass/happy").fieldNames().forEachRemaining(perClassFields::add);
            assertThat(perClassFields).containsExactly("precision", "recall", "f1", "support");
            assertThat(json.at("/perClass/happy/support").asInt()).isEqualTo(5);
            assertThat(json.get("confusionMatrix")).hasSize(7);
            assertThat(json.get("confusionMatrix").get(3)).hasSize(7);
            int happyRow = 0;
            for (JsonNode v : json.get("confusionMatrix").get(3)) {
                happyRow += v.asInt();
            }
            assertThat(happyRow).isEqualTo(5);
            assertThat(json.get("images").asInt()).isEqualTo(15);
            assertThat(json.at("/skipped/0/path").asText()).endsWith("broken.jpg");
            assertThat(json.at("/skipped/0/reason").asText()).isNotBlank();
            assertThat(json.get("model").asText()).isEqualTo(model.toString());
            assertThat(json.get("accuracy").asDouble()).isEqualTo(report.evaluation().accuracy());
            assertThat(Files.readString(out.resolve("classification_report.txt"))).contains("weighted avg");
            assertThat(ImageIO.read(out.resolve("confusion_matrix.png").toFile()).getWidth()).isGreaterThan(800);
        }
    }

    @Test
    void unknownClassFolderIsAClearError() throws Exception {
        Path data = folder(tmp.resolve("odd"), List.of("happy", "bored"), 2);
        Path model = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        try (EmotionClassifier fer = EmotionClassifier.load(model)) {
            assertThatThrownBy(() -> EvaluationReport.evaluate(fer, data)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(data.resolve("bored").toString()).hasMessageContaining("not one of the model's labels");
        }
    }

    @Test
    void aReportOfMetricsComputedElsewhereCarriesItsDetailsAfterTheStandardEntries() throws Exception {
        EmotionLabels labels = EmotionLabels.of("a", "b");
        // Two images of class a (one right), one of class b (right): accuracy 2/3.
        Evaluation evaluation = Evaluation.of(labels, new int[] {0, 0, 1},
                new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.3f, 0.7f}});
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("photos", 4);
        details.put("noFace", 1);
        details.put("noFacePhotos", List.of("x.jpg"));
        EvaluationReport report = EvaluationReport.of(evaluation, tmp, List.of(), "default", details);
        assertThat(report.details()).containsExactlyEntriesOf(details);
        Path out = tmp.resolve("report");
        report.write(out);
        JsonNode json = new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("accuracy", "loss", "macroF1", "weightedF1", "labels", "perClass",
                "confusionMatrix", "images", "skipped", "model", "photos", "noFace", "noFacePhotos");
        assertThat(json.get("images").asInt()).isEqualTo(3);
        assertThat(json.get("noFacePhotos").get(0).asText()).isEqualTo("x.jpg");
        // Numbers and text close the text report; lists stay in the JSON.
        assertThat(Files.readString(out.resolve("classification_report.txt")))
                .endsWith("\nphotos: 4\nnoFace: 1\n").doesNotContain("x.jpg");
        assertThatThrownBy(() -> EvaluationReport.of(evaluation, tmp, List.of(), "default",
                java.util.Map.of("images", 4))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images");
    }
}
