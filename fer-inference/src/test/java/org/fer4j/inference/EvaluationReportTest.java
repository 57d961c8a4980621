// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
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
import org.fer4j.core.ModelInfo;
import org.fer4j.core.internal.TextFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {

    @TempDir
    Path tmp;

    private Path folder(Path root, List<String> classes, int perClass) throws IOException {
        for (String c : classes) {
            Path dir = Files.createDirectories(root.resolve(c));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(
                        TestModels.image(c.hashCode() + i, 48, 48),
                        "png",
                        dir.resolve(i + ".png").toFile());
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

            JsonNode json =
                    new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
            List<String> fields = new ArrayList<>();
            json.fieldNames().forEachRemaining(fields::add);
            assertThat(fields)
                    .containsExactly(
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
                            "selectionSplit",
                            "centreCrop",
                            "testTimeAugmentation");
            assertThat(json.get("expectedCalibrationError").asDouble())
                    .isEqualTo(report.evaluation().expectedCalibrationError());
            assertThat(json.get("negativeLogLikelihood").asDouble())
                    .isEqualTo(report.evaluation().loss());
            assertThat(json.get("calibrationBins")).hasSize(15);
            assertThat(json.get("data").asText())
                    .isEqualTo(data.toAbsolutePath().normalize().toString());
            assertThat(json.at("/modelDetails/architecture").asText()).isEqualTo("seed");
            assertThat(json.get("selectionSplit").isNull())
                    .as("a model without training results")
                    .isTrue();
            assertThat(json.get("testTimeAugmentation").asText())
                    .as("a model.json without an inference section")
                    .isEqualTo("none");
            assertThat(json.get("centreCrop").asInt()).isEqualTo(48);
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
            assertThat(json.get("accuracy").asDouble())
                    .isEqualTo(report.evaluation().accuracy());
            assertThat(Files.readString(out.resolve("classification_report.txt")))
                    .contains("weighted avg");
            assertThat(ImageIO.read(out.resolve("confusion_matrix.png").toFile())
                            .getWidth())
                    .isGreaterThan(800);
            assertThat(ImageIO.read(out.resolve("reliability_diagram.png").toFile())
                            .getWidth())
                    .isGreaterThan(400);
            assertThat(ImageIO.read(out.resolve("confident_mistakes.png").toFile())
                            .getHeight())
                    .isGreaterThan(7 * 96);

            List<String> csv = Files.readAllLines(out.resolve("predictions.csv"));
            assertThat(csv.get(0))
                    .isEqualTo("file,true,predicted,p_angry,p_disgust,p_fear,p_happy,p_neutral,p_sad," + "p_surprise");
            assertThat(csv).hasSize(16);
            int right = 0;
            for (String line : csv.subList(1, csv.size())) {
                String[] f = line.split(",");
                assertThat(f).hasSize(10);
                assertThat(Path.of(f[0])).exists().startsWith(data.resolve(f[1]));
                double sum = 0;
                int top = 3;
                for (int c = 3; c < 10; c++) {
                    sum += Double.parseDouble(f[c]);
                    top = Double.parseDouble(f[c]) > Double.parseDouble(f[top]) ? c : top;
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
                assertThat(f[2]).isEqualTo(EmotionLabels.fer2013().name(top - 3));
                right += f[1].equals(f[2]) ? 1 : 0;
            }
            assertThat(right).isEqualTo(Math.round(report.evaluation().accuracy() * 15));
        }
    }

    @Test
    void saysWhenTheFolderIsTheSplitThatChoseTheModelsEpoch() throws Exception {
        Path root = tmp.resolve("fer");
        Path test = folder(root.resolve("test"), List.of("happy", "sad"), 3);
        Path model = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String label : EmotionLabels.fer2013().names()) {
            counts.put(label, label.equals("happy") || label.equals("sad") ? 3 : 0);
        }
        ModelInfo.read(model)
                .withResults(
                        new ModelInfo.Results(4, 5, "test/ of the dataset root", 1.0, 0.5, 0.6, 0.5, "", false, true))
                .withProvenance(new ModelInfo.Provenance(
                        root.toString(),
                        counts,
                        counts,
                        0,
                        "0.32.0",
                        "PyTorch",
                        "17",
                        "Linux",
                        "2026-12-01T00:00:00Z",
                        "2026-12-01T01:00:00Z"))
                .write(model);
        Path copy = folder(tmp.resolve("elsewhere/test"), List.of("happy", "sad"), 3);
        Path other = folder(tmp.resolve("other"), List.of("happy", "sad"), 2);
        try (EmotionClassifier fer = EmotionClassifier.load(model)) {
            EvaluationReport onRoot = EvaluationReport.evaluate(fer, root);
            assertThat(onRoot.selectionSplit()).contains(EvaluationReport.SELECTION_SPLIT_NOTE);
            assertThat(EvaluationReport.evaluate(fer, test).selectionSplit())
                    .contains(EvaluationReport.SELECTION_SPLIT_NOTE);
            assertThat(EvaluationReport.evaluate(fer, copy).selectionSplit())
                    .get()
                    .asString()
                    .startsWith(EvaluationReport.SELECTION_SPLIT_NOTE)
                    .contains("image count per class");
            assertThat(EvaluationReport.evaluate(fer, other).selectionSplit()).isEmpty();
            Path out = tmp.resolve("report");
            onRoot.write(out);
            JsonNode json =
                    new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
            assertThat(json.get("selectionSplit").asText()).isEqualTo(EvaluationReport.SELECTION_SPLIT_NOTE);
            assertThat(json.at("/modelDetails/bestEpoch").asInt()).isEqualTo(4);
            assertThat(json.at("/modelDetails/trainedOn").asText()).isEqualTo(root.toString());
            assertThat(Files.readString(out.resolve("classification_report.txt")))
                    .contains("note: " + EvaluationReport.SELECTION_SPLIT_NOTE);
        }
    }

    @Test
    void theGalleryShowsEachClassItsMostConfidentMistakesFirst() {
        List<Path> files = List.of(Path.of("a1"), Path.of("a2"), Path.of("a3"), Path.of("b1"));
        int[] truth = {0, 0, 0, 1};
        float[][] p = {{0.2f, 0.8f}, {0.9f, 0.1f}, {0.4f, 0.6f}, {0.1f, 0.9f}};
        List<List<ReportCharts.Mistake>> m = ReportCharts.mistakes(2, files, truth, p, 8);
        assertThat(m.get(0)).extracting(ReportCharts.Mistake::file).containsExactly(Path.of("a1"), Path.of("a3"));
        assertThat(m.get(0).get(0).confidence()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(m.get(1)).isEmpty();
        assertThat(ReportCharts.mistakes(2, files, truth, p, 1).get(0)).hasSize(1);
        assertThat(TextFields.csv("a,b \"c\"")).isEqualTo("\"a,b \"\"c\"\"\"");
        assertThat(TextFields.csv("plain")).isEqualTo("plain");
    }

    /** A file that cannot be written (here a folder stands in its way, as a full disk would) is named, and no part of it is left. */
    @Test
    void aReportFileThatCannotBeWrittenIsNamedAndLeavesNothingHalfWritten() throws Exception {
        Path data = folder(tmp.resolve("faces"), List.of("happy", "sad"), 2);
        Path model = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        try (EmotionClassifier fer = EmotionClassifier.load(model)) {
            EvaluationReport report = EvaluationReport.evaluate(fer, data);
            Path out = tmp.resolve("report");
            Path blocked = Files.createDirectories(out.resolve("confusion_matrix.png"));
            Files.writeString(blocked.resolve("keep"), "x");
            assertThatThrownBy(() -> report.write(out))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(blocked + ": could not be written");
            try (var left = Files.list(out)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".writing-"));
            }
            assertThat(out.resolve("evaluation.json")).isNotEmptyFile();
        }
    }

    @Test
    void unknownClassFolderIsAClearError() throws Exception {
        Path data = folder(tmp.resolve("odd"), List.of("happy", "bored"), 2);
        Path model = TestModels.randomModel(tmp.resolve("model"), "seed", EmotionLabels.fer2013());
        try (EmotionClassifier fer = EmotionClassifier.load(model)) {
            assertThatThrownBy(() -> EvaluationReport.evaluate(fer, data))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(data.resolve("bored").toString())
                    .hasMessageContaining("not one of the model's labels");
        }
    }

    @Test
    void aReportOfMetricsComputedElsewhereCarriesItsDetailsAfterTheStandardEntries() throws Exception {
        EmotionLabels labels = EmotionLabels.of("a", "b");
        // Two images of class a (one right), one of class b (right): accuracy 2/3.
        Evaluation evaluation =
                Evaluation.of(labels, new int[] {0, 0, 1}, new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.3f, 0.7f}});
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("photos", 4);
        details.put("noFace", 1);
        details.put("noFacePhotos", List.of("x.jpg"));
        EvaluationReport report = EvaluationReport.of(evaluation, tmp, List.of(), "default", details);
        assertThat(report.details()).containsExactlyEntriesOf(details);
        Path out = tmp.resolve("report");
        report.write(out);
        JsonNode json =
                new ObjectMapper().readTree(out.resolve("evaluation.json").toFile());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
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
                        "selectionSplit",
                        "photos",
                        "noFace",
                        "noFacePhotos");
        // Predictions were not given: no predictions.csv or gallery, but the reliability diagram.
        assertThat(out.resolve("predictions.csv")).doesNotExist();
        assertThat(out.resolve("confident_mistakes.png")).doesNotExist();
        assertThat(out.resolve("reliability_diagram.png")).exists();
        assertThat(json.get("images").asInt()).isEqualTo(3);
        assertThat(json.get("noFacePhotos").get(0).asText()).isEqualTo("x.jpg");
        // Numbers and text close the text report; lists stay in the JSON.
        assertThat(Files.readString(out.resolve("classification_report.txt")))
                .endsWith("\nphotos: 4\nnoFace: 1\n")
                .doesNotContain("x.jpg");
        assertThatThrownBy(
                        () -> EvaluationReport.of(evaluation, tmp, List.of(), "default", java.util.Map.of("images", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("images");
    }
}
