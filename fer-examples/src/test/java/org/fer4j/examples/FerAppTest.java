// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FerAppTest {

    @TempDir
    Path tmp;

    /** Runs the app in this JVM and returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = FerApp.execute(args);
            return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpListsTheCommands() {
        Object[] r = run("--help");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[1]).contains("train", "evaluate", "predict", "distribution", "Usage: fer");
    }

    @Test
    void versionIsPrinted() {
        Object[] r = run("--version");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[1]).contains("fer4j");
    }

    @Test
    void unknownCommandsAndBadFlagsExitWithTwo() {
        Object[] unknown = run("fly");
        assertThat(unknown[0]).isEqualTo(2);
        assertThat((String) unknown[2]).contains("Usage:");
        Object[] badFlag = run("train", "--epochs", "many", "--output", "x");
        assertThat(badFlag[0]).isEqualTo(2);
        assertThat((String) badFlag[2]).contains("--epochs");
        Object[] badLevel = run("train", "--augment", "HEAVY", "--output", "x");
        assertThat(badLevel[0]).isEqualTo(2);
        assertThat((String) badLevel[2]).contains("LIGHT", "STANDARD");
        Object[] resumeWithSettings = run("train", "--resume", "--output", "x", "--arch", "vgg-b", "--lr", "0.1");
        assertThat(resumeWithSettings[0]).isEqualTo(2);
        assertThat((String) resumeWithSettings[2]).contains("--arch", "--lr").contains("only --data and --epochs");
        assertThat(run()[0]).isEqualTo(2);
    }

    @Test
    void aReportFolderThatCannotBeWrittenIsAUsageErrorBeforeTheModelLoads() throws IOException {
        Path file = Files.writeString(tmp.resolve("report.txt"), "not a folder");
        // The model folder does not exist either: the report folder must be checked first.
        String missingModel = tmp.resolve("no-model").toString();
        Object[] isAFile =
                run("evaluate", "--model", missingModel, "--data", tmp.toString(), "--report-dir", file.toString());
        assertThat(isAFile[0]).isEqualTo(2);
        assertThat(((String) isAFile[2]).trim())
                .isEqualTo("fer evaluate: --report-dir " + file + " is a file, not a folder");
        assertThat((String) isAFile[1]).isEmpty();

        Object[] underAFile = run(
                "evaluate",
                "--model",
                missingModel,
                "--report-dir",
                file.resolve("sub").toString());
        assertThat(underAFile[0]).isEqualTo(2);
        assertThat(((String) underAFile[2]).trim())
                .isEqualTo("fer evaluate: --report-dir " + file.resolve("sub") + " cannot be created: "
                        + file.toAbsolutePath() + " is a file");
        assertThat(Files.readString(file)).isEqualTo("not a folder");
    }

    @Test
    void badBenchmarkSettingsAreUsageErrorsBeforeAnyMeasurement() throws IOException {
        Object[] folder = run("benchmark", "--output", tmp.toString());
        assertThat(folder[0]).isEqualTo(2);
        assertThat(((String) folder[2]).trim())
                .isEqualTo("fer benchmark: --output " + tmp + " is a folder, not a file");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Object[] underAFile =
                run("benchmark", "--output", file.resolve("benchmarks.json").toString());
        assertThat(underAFile[0]).isEqualTo(2);
        assertThat(((String) underAFile[2]).trim())
                .isEqualTo("fer benchmark: --output " + file.resolve("benchmarks.json") + " cannot be created: "
                        + file.toAbsolutePath() + " is a file");
        assertThat((String) underAFile[1]).isEmpty();
        Object[] noPredictions = run(
                "benchmark",
                "--predictions",
                "0",
                "--output",
                tmp.resolve("b.json").toString());
        assertThat(noPredictions[0]).isEqualTo(2);
        assertThat(((String) noPredictions[2]).trim())
                .isEqualTo("fer benchmark: --predictions must be at least 1, got 0");
    }

    @Test
    void aMinimumFaceSizeBelowEightPixelsIsAUsageErrorFoundBeforeTheModelLoads() {
        String noModel = tmp.resolve("no-model").toString();
        Object[] detect =
                run("detect", "--model", noModel, "--input", tmp.toString(), "--no-display", "--min-face", "4");
        assertThat(detect[0]).isEqualTo(2);
        assertThat(((String) detect[2]).trim()).isEqualTo("fer detect: --min-face must be at least 8 pixels, got 4");
        Object[] predict = run("predict", "--model", noModel, "--detect", "--min-face", "0", "x.jpg");
        assertThat(predict[0]).isEqualTo(2);
        assertThat(((String) predict[2]).trim()).isEqualTo("fer predict: --min-face must be at least 8 pixels, got 0");
        Object[] evaluate = run("evaluate", "--model", noModel, "--detect", "--min-face", "2");
        assertThat(evaluate[0]).isEqualTo(2);
        assertThat(((String) evaluate[2]).trim())
                .isEqualTo("fer evaluate: --min-face must be at least 8 pixels, got 2");
    }

    @Test
    void aReportFolderOnAFileSystemThatTakesNoFilesIsAUsageError() {
        // /proc takes no new files even for root, for whom permission bits would not stop a write.
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        Object[] r =
                run("evaluate", "--model", tmp.resolve("no-model").toString(), "--report-dir", "/proc/fer4j-report");
        assertThat(r[0]).isEqualTo(2);
        assertThat(((String) r[2]).trim())
                .isEqualTo(
                        "fer evaluate: --report-dir /proc/fer4j-report cannot be created: /proc does not take new files");
    }

    @Test
    void trainThenEvaluateReportsTheSameAccuracyAndPredictPrintsJson() throws IOException {
        Path data = tmp.resolve("data");
        for (String split : List.of("train", "test")) {
            for (int c = 0; c < 3; c++) {
                Path dir = Files.createDirectories(data.resolve(split)
                        .resolve(List.of("happy", "sad", "angry").get(c)));
                Random random = new Random(c * 31 + split.length());
                for (int i = 0; i < (split.equals("train") ? 20 : 8); i++) {
                    BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 48; y++) {
                        for (int x = 0; x < 48; x++) {
                            int v = random.nextInt(50) + (y / 16 == c ? 200 : 0);
                            img.getRaster().setSample(x, y, 0, Math.min(255, v));
                        }
                    }
                    ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
                }
            }
        }
        Path model = tmp.resolve("model");
        Object[] train = run(
                "train",
                "--data",
                data.toString(),
                "--output",
                model.toString(),
                "--epochs",
                "2",
                "--batch-size",
                "16",
                "--augment",
                "LIGHT",
                "--no-equalize");
        assertThat(train[0]).as((String) train[2]).isEqualTo(0);
        JsonNode augmentation = new ObjectMapper()
                .readTree(model.resolve("model.json").toFile())
                .at("/training/augmentation");
        assertThat(augmentation.get("horizontalFlip").asBoolean()).isTrue();
        assertThat(augmentation.get("shiftFraction").asDouble()).isEqualTo(0.1, within(1e-6));
        assertThat(augmentation.get("rotationDegrees").asDouble()).isZero();
        // Evaluation must apply the model's own preprocessing (here without equalisation) to match training.
        assertThat(new ObjectMapper()
                        .readTree(model.resolve("model.json").toFile())
                        .at("/preprocessing")
                        .toString())
                .contains("\"version\":2")
                .doesNotContain("rankEqualize");
        // Tests have no console: progress is plain lines (a tenth of an epoch each), never carriage returns.
        assertThat((String) train[2]).contains("epoch 1/2: 4/4 (100%)  loss ").doesNotContain("\r");
        String trained = ((String) train[1]).replaceAll("(?s).*loss [0-9.]+, accuracy ([0-9.]+).*", "$1");

        Path report = tmp.resolve("report");
        Object[] eval = run(
                "evaluate", "--model", model.toString(), "--data", data.toString(), "--report-dir", report.toString());
        assertThat(eval[0]).as((String) eval[2]).isEqualTo(0);
        assertThat((String) eval[2])
                .contains("decoding images: 24/24 (100%)", "classifying images: 24/24 (100%)")
                .doesNotContain("\r");
        JsonNode json =
                new ObjectMapper().readTree(report.resolve("evaluation.json").toFile());
        assertThat(String.format(
                        java.util.Locale.ROOT, "%.4f", json.get("accuracy").asDouble()))
                .isEqualTo(trained);
        assertThat(json.get("images").asInt()).isEqualTo(24);
        // This model's model.json names no test-time augmentation, so there is none unless asked for.
        assertThat(json.get("testTimeAugmentation").asText()).isEqualTo("none");
        assertThat((String) eval[1]).contains("(24 images, test-time augmentation: none)");
        Object[] crops = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--tta", "ten-crop");
        assertThat(crops[0]).as((String) crops[2]).isEqualTo(0);
        assertThat((String) crops[1]).contains("(24 images, test-time augmentation: ten-crop)");
        Object[] unknown = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--tta", "many");
        assertThat(unknown[0]).isEqualTo(2);
        assertThat((String) unknown[2]).contains("Unknown test-time augmentation 'many'");

        Object[] odd = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--centre-crop", "45");
        assertThat(odd[0]).isEqualTo(2);
        assertThat((String) odd[2]).contains("centre crop must be an even side");
        Object[] centre =
                run("evaluate", "--model", model.toString(), "--data", data.toString(), "--centre-crop", "44");
        assertThat(centre[0]).as((String) centre[2]).isEqualTo(0);
        assertThat((String) centre[1]).contains("(24 images, test-time augmentation: none, centre 44x44)");

        // Calibration: the most accurate centre crop and the fitted temperature land in model.json; the
        // temperature lowers the NLL and keeps the accuracy, and the classifier applies both (a new evaluation
        // reports the accuracy and NLL that calibrate printed).
        assertThat(run("calibrate", "--data", data.toString())[0])
                .as("no model folder to write into")
                .isEqualTo(2);
        Object[] calibrate = run("calibrate", "--model", model.toString(), "--data", data.toString());
        assertThat(calibrate[0]).as((String) calibrate[2]).isEqualTo(0);
        String[] before = lineStarting((String) calibrate[1], "before");
        String[] after = lineStarting((String) calibrate[1], "after");
        assertThat(Double.parseDouble(after[3])).isLessThanOrEqualTo(Double.parseDouble(before[3]));
        assertThat(after[2]).isEqualTo(before[2]);
        double best = 0;
        int bestSide = 0;
        for (String side : List.of("48", "46", "44")) {
            String[] tried = lineStarting((String) calibrate[1], "centre crop " + side + ":");
            double accuracy = Double.parseDouble(tried[4].replace(",", ""));
            if (accuracy > best) {
                best = accuracy;
                bestSide = Integer.parseInt(side);
            }
        }
        assertThat(before[2]).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", best));
        JsonNode inference = new ObjectMapper()
                .readTree(model.resolve("model.json").toFile())
                .at("/inference");
        assertThat(String.format(
                        java.util.Locale.ROOT,
                        "%.4f",
                        inference.get("temperature").asDouble()))
                .isEqualTo(after[1]);
        assertThat(inference.path("centreCrop").asInt(48)).isEqualTo(bestSide);
        assertThat(inference.has("centreCrop")).isEqualTo(bestSide != 48);
        Object[] again = run(
                "evaluate",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--report-dir",
                tmp.resolve("report2").toString());
        assertThat(again[0]).as((String) again[2]).isEqualTo(0);
        JsonNode calibrated = new ObjectMapper()
                .readTree(tmp.resolve("report2/evaluation.json").toFile());
        assertThat(calibrated.get("negativeLogLikelihood").asDouble())
                .isCloseTo(Double.parseDouble(after[3]), within(1e-4));
        assertThat(String.format(
                        java.util.Locale.ROOT,
                        "%.4f",
                        calibrated.get("accuracy").asDouble()))
                .isEqualTo(before[2]);
        assertThat(calibrated.get("centreCrop").asInt()).isEqualTo(bestSide);

        Path face = data.resolve("test/happy/0.png");
        Object[] predict = run("predict", "--model", model.toString(), "--json", face.toString());
        assertThat(predict[0]).isEqualTo(0);
        JsonNode line = new ObjectMapper().readTree(((String) predict[1]).trim());
        assertThat(line.get("path").asText()).isEqualTo(face.toString());
        assertThat(line.get("probabilities")).hasSize(3);

        Object[] missing = run(
                "predict", "--model", model.toString(), tmp.resolve("none.jpg").toString());
        assertThat(missing[0]).isEqualTo(1);
        assertThat((String) missing[2]).contains("none.jpg");

        // A load error is one line naming the file; the stack trace only with --verbose.
        Object[] notAModel = run("predict", "--model", tmp.toString(), face.toString());
        assertThat(notAModel[0]).isEqualTo(1);
        assertThat(((String) notAModel[2]).trim())
                .contains(tmp.resolve("model.json").toString())
                .doesNotContain("\n");
        Object[] verbose = run("predict", "--verbose", "--model", tmp.toString(), face.toString());
        assertThat((String) verbose[2]).contains("\tat org.fer4j");
        // Enum values are case-insensitive, as model.json stores them in lower case.
        Object[] lower = run("train", "--optimizer", "nesterov", "--schedule", "cosine", "--resume", "--output", "x");
        assertThat((String) lower[2]).doesNotContain("Invalid value");
    }

    /** The whitespace-separated cells of the first line of {@code text} that starts with {@code first}. */
    private static String[] lineStarting(String text, String first) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(first + " ")) {
                return line.trim().split("\\s+");
            }
        }
        throw new AssertionError("no line starting with '" + first + "' in:\n" + text);
    }
}
