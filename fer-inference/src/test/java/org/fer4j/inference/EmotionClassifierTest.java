// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.MalformedModelException;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.BufferedImageFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.Calibration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionClassifierTest {

    private static final ClassifierOptions SINGLE_PASS =
            ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.NONE);

    @TempDir
    static Path shared;

    static EmotionClassifier fer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        Path dir = TestModels.randomModel(shared.resolve("model"), "seed", EmotionLabels.fer2013());
        fer = EmotionClassifier.load(dir, SINGLE_PASS);
    }

    @AfterAll
    static void close() {
        fer.close();
    }

    @Test
    void predictsSevenProbabilitiesThatSumToOne() {
        EmotionPrediction p = fer.predict(TestModels.image(1, 64, 80));
        float[] probs = p.probabilities();
        assertThat(probs).hasSize(7);
        double sum = 0;
        for (float v : probs) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(p.ranked()).hasSize(7);
        assertThat(p.ranked().get(0).getClassName()).isEqualTo(p.label());
        assertThat(p.ranked().get(0).getProbability()).isEqualTo(p.probability());
        assertThat(p.ranked())
                .extracting(Classifications.Classification::getProbability)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(p.probability(p.emotion())).isEqualTo(p.probability());
        assertThat(fer.labels()).isEqualTo(EmotionLabels.fer2013());
    }

    @Test
    void batchGivesTheSameValuesAsOneByOne() {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            images.add(TestModels.image(i, 40 + i % 30, 48));
        }
        List<EmotionPrediction> batch = fer.predictAll(images);
        assertThat(batch).hasSize(150);
        for (int i = 0; i < images.size(); i += 7) {
            assertClose(batch.get(i), fer.predict(images.get(i)));
        }
    }

    @Test
    void everyInputFormGivesTheSameResult() throws IOException {
        BufferedImage img = TestModels.image(3, 50, 50);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Path file = tmp.resolve("face.png");
        Files.write(file, png.toByteArray());
        EmotionPrediction expected = fer.predict(img);
        assertClose(fer.predict(png.toByteArray()), expected);
        assertClose(fer.predict(file), expected);
        assertClose(fer.predict(BufferedImageFactory.getInstance().fromImage(img)), expected);
    }

    @Test
    void concurrentPredictionsMatchSequentialOnes() throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            images.add(TestModels.image(100 + i, 48, 48));
        }
        List<EmotionPrediction> sequential = new ArrayList<>();
        for (BufferedImage img : images) {
            sequential.add(fer.predict(img));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // 10,000 faces from 8 threads: exactly the sequential results, not merely close ones.
            List<Future<EmotionPrediction>> futures = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                BufferedImage img = images.get(i % images.size());
                futures.add(pool.submit(() -> fer.predict(img)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).as("face %d", i).isEqualTo(sequential.get(i % images.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Eight threads predicting while the classifier closes: every call returns a right answer or a clear error. */
    @Test
    void closingDuringConcurrentPredictionsNeitherCrashesNorHangs() throws Exception {
        EmotionClassifier c = EmotionClassifier.load(shared.resolve("model"));
        List<BufferedImage> images = new ArrayList<>();
        List<EmotionPrediction> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            images.add(TestModels.image(300 + i, 48, 48));
            expected.add(c.predict(images.get(i)));
        }
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> wrong =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    try {
                        EmotionPrediction p = c.predict(images.get(i % 16));
                        if (!p.equals(expected.get(i % 16))) {
                            wrong.add(new AssertionError("different prediction for image " + i % 16));
                        }
                        answered.incrementAndGet();
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().contains("closed")) {
                            wrong.add(e);
                        }
                        refused.incrementAndGet();
                    } catch (Throwable e) {
                        wrong.add(e);
                    }
                }
            });
        }
        while (answered.get() < 200) {
            Thread.sleep(1);
        }
        c.close();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("threads finished")
                .isTrue();
        assertThat(wrong).isEmpty();
        assertThat(answered.get() + refused.get()).isEqualTo(16_000);
        assertThat(refused.get()).isPositive();
        c.close();
    }

    @Test
    void flipAveragingAveragesTheMirroredImage() throws Exception {
        BufferedImage img = TestModels.image(5, 48, 48);
        BufferedImage mirrored = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                mirrored.setRGB(47 - x, y, img.getRGB(x, y));
            }
        }
        assertThat(ClassifierOptions.defaults().testTimeAugmentation()).isEmpty();
        try (EmotionClassifier tta = EmotionClassifier.load(
                shared.resolve("model"),
                ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.FLIP))) {
            assertThat(tta.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.FLIP);
            float[] a = fer.predict(img).probabilities();
            float[] b = fer.predict(mirrored).probabilities();
            float[] avg = tta.predict(img).probabilities();
            for (int c = 0; c < 7; c++) {
                assertThat(avg[c]).isCloseTo((a[c] + b[c]) / 2, within(1e-5f));
            }
        }
    }

    /**
     * Ten-crop averages the five 44x44 squares (corners, centre) of the model input scaled back to 48, and
     * their mirrors; with plain preprocessing that equals classifying those squares cut out of the image.
     */
    @Test
    void tenCropAveragesTheCornersCentreAndMirrors() throws Exception {
        Path dir = TestModels.plainRandomModel(tmp.resolve("plain"));
        BufferedImage img = TestModels.image(7, 48, 48);
        float[] input = Preprocessing.standard().toInput(img);
        int[][] corners = {{0, 0}, {4, 0}, {0, 4}, {4, 4}, {2, 2}};
        List<BufferedImage> views = new ArrayList<>();
        for (int[] c : corners) {
            BufferedImage crop = img.getSubimage(c[0], c[1], 44, 44);
            views.add(crop);
            BufferedImage m = new BufferedImage(44, 44, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 44; y++) {
                for (int x = 0; x < 44; x++) {
                    m.setRGB(43 - x, y, crop.getRGB(x, y));
                }
            }
            views.add(m);
        }
        assertThat(TestTimeAugmentation.TEN_CROP.views(input)).hasSize(10);
        try (EmotionClassifier single = EmotionClassifier.load(dir, SINGLE_PASS);
                EmotionClassifier tta = EmotionClassifier.load(
                        dir, ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.TEN_CROP))) {
            float[] expected = new float[7];
            for (EmotionPrediction p : single.predictAll(views)) {
                for (int c = 0; c < 7; c++) {
                    expected[c] += p.probabilities()[c] / 10;
                }
            }
            float[] got = tta.predict(img).probabilities();
            for (int c = 0; c < 7; c++) {
                assertThat(got[c]).isCloseTo(expected[c], within(1e-4f));
            }
        }
    }

    /** Without a setting of its own a classifier does what the model's model.json says; a setting wins. */
    @Test
    void testTimeAugmentationFollowsTheModelUnlessSet() throws Exception {
        try (EmotionClassifier plain = EmotionClassifier.load(shared.resolve("model"))) {
            assertThat(plain.testTimeAugmentation())
                    .as("a model.json without an inference section")
                    .isEqualTo(TestTimeAugmentation.NONE);
        }
        Path dir = TestModels.randomModel(tmp.resolve("cropping"), "seed", EmotionLabels.fer2013());
        ModelInfo.read(dir)
                .withInference(new InferenceSettings(TestTimeAugmentation.TEN_CROP, null))
                .write(dir);
        BufferedImage img = TestModels.image(6, 48, 48);
        try (EmotionClassifier followsModel = EmotionClassifier.load(dir);
                EmotionClassifier crops = EmotionClassifier.load(
                        dir, ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.TEN_CROP));
                EmotionClassifier none = EmotionClassifier.load(dir, SINGLE_PASS)) {
            assertThat(followsModel.testTimeAugmentation()).isEqualTo(TestTimeAugmentation.TEN_CROP);
            assertThat(TestTimeAugmentation.TEN_CROP.views(new float[Preprocessing.PIXELS]))
                    .hasSize(TestTimeAugmentation.TEN_CROP.passes());
            assertThat(TestTimeAugmentation.FLIP.views(new float[Preprocessing.PIXELS]))
                    .hasSize(TestTimeAugmentation.FLIP.passes());
            assertThat(followsModel.predict(img).probabilities())
                    .containsExactly(crops.predict(img).probabilities());
            assertThat(followsModel.predict(img).probabilities())
                    .isNotEqualTo(none.predict(img).probabilities());
        }
        Path json = dir.resolve(ModelInfo.FILE_NAME);
        Files.writeString(json, Files.readString(json).replace("\"ten-crop\"", "\"twenty-crop\""));
        assertThatThrownBy(() -> EmotionClassifier.load(dir))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(dir.resolve("model.json").toString())
                .hasMessageContaining("twenty-crop");
    }

    /** A centre crop in model.json is applied unless the options set another; it equals cropping beforehand. */
    @Test
    void theCentreCropFollowsTheModelUnlessSet() throws Exception {
        Path dir = TestModels.plainRandomModel(tmp.resolve("centre"));
        BufferedImage img = TestModels.image(9, 48, 48);
        // The central 44x44 pixels of the 48x48 image, which preprocessing scales to 48x48 as the crop does.
        BufferedImage centre = img.getSubimage(2, 2, 44, 44);
        float[] whole;
        float[] cropped;
        try (EmotionClassifier c = EmotionClassifier.load(dir)) {
            assertThat(c.centreCrop()).isEqualTo(Preprocessing.SIZE);
            whole = c.predict(img).probabilities();
            cropped = c.predict(centre).probabilities();
        }
        ModelInfo.read(dir)
                .withInference(new InferenceSettings(TestTimeAugmentation.NONE, null, null, 44))
                .write(dir);
        try (EmotionClassifier followsModel = EmotionClassifier.load(dir);
                EmotionClassifier whole48 =
                        EmotionClassifier.load(dir, ClassifierOptions.defaults().withCentreCrop(48))) {
            assertThat(followsModel.centreCrop()).isEqualTo(44);
            assertThat(followsModel.predict(img).probabilities()).containsExactly(cropped, within(1e-5f));
            assertThat(followsModel.predict(img).probabilities()).isNotEqualTo(whole);
            assertThat(whole48.centreCrop()).isEqualTo(48);
            assertThat(whole48.predict(img).probabilities()).containsExactly(whole);
        }
        assertThatThrownBy(() -> ClassifierOptions.defaults().withCentreCrop(45))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 45");
    }

    /** A calibration temperature in model.json scales the averaged probabilities; the label never changes. */
    @Test
    void theModelsTemperatureScalesItsProbabilities() throws Exception {
        Path dir = TestModels.randomModel(tmp.resolve("calibrated"), "seed", EmotionLabels.fer2013());
        BufferedImage img = TestModels.image(8, 48, 48);
        float[] plain;
        try (EmotionClassifier c = EmotionClassifier.load(dir)) {
            plain = c.predict(img).probabilities();
        }
        ModelInfo.read(dir)
                .withInference(new InferenceSettings(TestTimeAugmentation.FLIP, null, 2.5))
                .write(dir);
        float[] flipped;
        try (EmotionClassifier c = EmotionClassifier.load(
                dir, ClassifierOptions.defaults().withTestTimeAugmentation(TestTimeAugmentation.FLIP))) {
            flipped = c.predict(img).probabilities();
        }
        ModelInfo.read(dir)
                .withInference(new InferenceSettings(TestTimeAugmentation.FLIP, null))
                .write(dir);
        try (EmotionClassifier c = EmotionClassifier.load(dir)) {
            float[] expected = Calibration.atTemperature(c.predict(img).probabilities(), 7, 2.5);
            assertThat(flipped).containsExactly(expected, within(1e-6f));
            assertThat(flipped).isNotEqualTo(plain);
        }
        assertThatThrownBy(() -> new InferenceSettings(TestTimeAugmentation.NONE, null, -1.0))
                .hasMessageContaining("positive");
    }

    @Test
    void badImagesFailBeforeTheEngine() {
        assertThatThrownBy(() -> fer.predict((BufferedImage) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> fer.predict((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> fer.predict(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty");
        assertThatThrownBy(() -> fer.predict(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a decodable image");
        Path missing = tmp.resolve("nope.jpg");
        assertThatThrownBy(() -> fer.predict(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> {
                    Path text = Files.writeString(tmp.resolve("text.jpg"), "hello");
                    fer.predict(text);
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text.jpg");
        assertThatThrownBy(() -> fer.predictInputs(List.of(new float[10])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2304");
    }

    @Test
    void loadErrorsNameTheFileAndTheProblem() throws IOException {
        assertThatThrownBy(() -> EmotionClassifier.load(tmp.resolve("absent")))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("absent")
                .hasMessageContaining("does not exist");

        Path noJson = Files.createDirectories(tmp.resolve("noJson"));
        assertThatThrownBy(() -> EmotionClassifier.load(noJson))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(noJson.resolve("model.json").toString());

        Path badJson = TestModels.randomModel(tmp.resolve("badJson"), "seed", EmotionLabels.fer2013());
        Files.writeString(badJson.resolve("model.json"), "{ not json");
        assertThatThrownBy(() -> EmotionClassifier.load(badJson))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("model.json")
                .hasMessageContaining("not valid JSON");

        Path unknown = TestModels.randomModel(tmp.resolve("unknown"), "seed", EmotionLabels.fer2013());
        ModelInfo.of("alexnet", EmotionLabels.fer2013(), Preprocessing.standard())
                .write(unknown);
        assertThatThrownBy(() -> EmotionClassifier.load(unknown))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("Unknown architecture 'alexnet'");

        Path noParams = TestModels.randomModel(tmp.resolve("noParams"), "seed", EmotionLabels.fer2013());
        Files.delete(noParams.resolve("model.params"));
        assertThatThrownBy(() -> EmotionClassifier.load(noParams))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("model.params")
                .hasMessageContaining("missing");

        Path corrupt = TestModels.randomModel(tmp.resolve("corrupt"), "seed", EmotionLabels.fer2013());
        byte[] params = Files.readAllBytes(corrupt.resolve("model.params"));
        Files.write(corrupt.resolve("model.params"), java.util.Arrays.copyOf(params, params.length / 2));
        assertThatThrownBy(() -> EmotionClassifier.load(corrupt))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining(corrupt.resolve("model.params").toString());

        Path mismatch =
                TestModels.randomModel(tmp.resolve("mismatch"), "seed", EmotionLabels.of("a", "b", "c", "d", "e"), 7);
        assertThatThrownBy(() -> EmotionClassifier.load(mismatch))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("model.params");
    }

    /** A folder saved before preprocessing was recorded per model keeps its equalisation and sharpness limit. */
    @Test
    void modelsSavedBeforeVersion2ApplyTheirOwnPreprocessing() throws Exception {
        Path legacy = TestModels.randomModel(tmp.resolve("legacy"), "seed", EmotionLabels.fer2013());
        Path json = legacy.resolve(ModelInfo.FILE_NAME);
        String text = Files.readString(json);
        int start = text.indexOf("\"preprocessing\"");
        int end = text.indexOf("\"labels\"");
        Files.writeString(
                json,
                text.substring(0, start) + "\"preprocessing\" : {\"input\" : [1, 48, 48], "
                        + "\"grey\" : \"BT.601 luma 0.299R+0.587G+0.114B\", \"scale\" : \"pixel / 255\", "
                        + "\"equalize\" : \"rank histogram equalisation\", \"targetSharpness\" : 0.0315},\n  "
                        + text.substring(end));
        BufferedImage img = TestModels.image(9, 64, 64);
        try (EmotionClassifier old = EmotionClassifier.load(legacy)) {
            assertThat(old.info().preprocessing()).isEqualTo(Preprocessing.blurredTrainingSplit());
            assertThat(old.predict(img))
                    .isEqualTo(old.predictInputs(
                                    List.of(Preprocessing.blurredTrainingSplit().toInput(img)))
                            .get(0));
            assertThat(old.predict(img))
                    .isNotEqualTo(
                            old.predictInputs(List.of(Preprocessing.standard().toInput(img)))
                                    .get(0));
        }
    }

    @Test
    void predictingAfterCloseIsRefused() throws Exception {
        EmotionClassifier c = EmotionClassifier.load(shared.resolve("model"));
        c.close();
        assertThatThrownBy(() -> c.predict(TestModels.image(1, 48, 48)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    static void assertClose(EmotionPrediction actual, EmotionPrediction expected) {
        float[] a = actual.probabilities();
        float[] e = expected.probabilities();
        for (int c = 0; c < e.length; c++) {
            assertThat(a[c]).isCloseTo(e[c], within(1e-5f));
        }
        assertThat(actual.label()).isEqualTo(expected.label());
    }
}
