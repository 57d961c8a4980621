// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.GreyImage;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.ImageDecoding;

/**
 * Classifies the facial expression of face images with a trained fer4j model.
 *
 * <pre>{@code
 * try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
 *     EmotionPrediction p = fer.predict(ImageIO.read(new File("face.png")));
 *     System.out.println(p.emotion() + " " + p.probability());
 * }
 * }</pre>
 *
 * <p>Images should be cropped to one face; any size and colour is accepted and preprocessed with
 * {@link Preprocessing}. An instance is thread-safe: DJL predictors are not, so it keeps a pool of
 * them and each call borrows one. The caller owns the classifier and must close it, which frees the
 * native model memory; predicting after close throws {@link IllegalStateException}.
 */
public final class EmotionClassifier implements AutoCloseable {

    /**
     * Faces' views per forward pass: enough to keep the engine busy, few enough to bound its memory (an
     * activation of vgg-48's first block is 576 KiB a view; docs/benchmarks.md has the figures).
     */
    private static final int MAX_BATCH = 32;

    private final ModelInfo info;
    private final String source;
    private final ClassifierOptions options;
    private final TestTimeAugmentation testTimeAugmentation;
    private final int centreCrop;
    private final FaceTranslator translator;
    private final PredictorPool pool;

    private EmotionClassifier(Model model, ModelInfo info, String source, ClassifierOptions options) {
        this.info = info;
        this.source = source;
        this.options = options;
        // The options' setting wins; else what model.json says; else one view.
        this.testTimeAugmentation = options.testTimeAugmentation()
                .orElse(info.inference()
                        .map(InferenceSettings::testTimeAugmentation)
                        .orElse(TestTimeAugmentation.NONE));
        this.centreCrop = options.centreCrop().orElse(FaceTranslator.centreCrop(info));
        this.translator = new FaceTranslator(testTimeAugmentation, centreCrop, FaceTranslator.temperature(info));
        this.pool = new PredictorPool(model, translator, options.maxConcurrency());
    }

    /**
     * Loads a model folder written by fer-training ({@code model.json}, {@code model.params}).
     *
     * @param modelDir the model folder
     * @return the classifier; the caller closes it
     * @throws MalformedModelException if a file is missing or corrupt, the architecture is unknown, or the
     *     labels do not match the network's output size; the message names the file
     */
    public static EmotionClassifier load(Path modelDir) throws MalformedModelException {
        return load(modelDir, ClassifierOptions.defaults());
    }

    /**
     * Loads a model folder with the given options; see {@link #load(Path)}.
     *
     * @param modelDir the model folder
     * @param options the classifier options
     * @return the classifier; the caller closes it
     * @throws MalformedModelException if the model cannot be loaded; the message names the file
     */
    public static EmotionClassifier load(Path modelDir, ClassifierOptions options) throws MalformedModelException {
        ModelInfo info = ModelFiles.readInfo(modelDir);
        Path params = ModelFiles.parametersFile(modelDir);
        try (InputStream in = Files.newInputStream(params)) {
            return new EmotionClassifier(
                    ModelFiles.newModel(info, in, params.toString(), modelDir.toString()),
                    info,
                    modelDir.toString(),
                    options);
        } catch (IOException e) {
            throw new MalformedModelException(params + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Describes a model folder the usual DJL way: {@code criteria(dir).loadModel()} gives a {@code ZooModel}
     * whose predictors run the model's own {@link Preprocessing} on an {@link Image} and return softmax
     * {@link Classifications} with the model's label names.
     *
     * <pre>{@code
     * try (ZooModel<Image, Classifications> model = EmotionClassifier.criteria(dir).loadModel();
     *         Predictor<Image, Classifications> predictor = model.newPredictor()) {
     *     Classifications c = predictor.predict(ImageFactory.getInstance().fromFile(face));
     * }
     * }</pre>
     *
     * <p>The criteria hold one network, so call this again for every model you load. DJL predictors are not
     * thread-safe and have no test-time augmentation; {@link #load(Path)} gives a pooled, thread-safe classifier.
     *
     * @param modelDir the model folder ({@code model.json}, {@code model.params})
     * @return the criteria; loading and closing the model is the caller's
     * @throws MalformedModelException if a file is missing or the architecture is unknown; the message names the file
     */
    public static Criteria<Image, Classifications> criteria(Path modelDir) throws MalformedModelException {
        return ModelFiles.criteria(modelDir);
    }

    /**
     * Describes the bundled model the usual DJL way; see {@link #criteria(Path)}. Its files are copied to a
     * temporary folder, deleted when the JVM exits.
     *
     * @return the criteria; loading and closing the model is the caller's
     * @throws MalformedModelException if the jar holds no bundled model or the copy fails
     */
    public static Criteria<Image, Classifications> defaultCriteria() throws MalformedModelException {
        return ModelFiles.defaultCriteria();
    }

    /**
     * Loads the model bundled in this jar, with no network access and no configuration.
     *
     * @return the classifier; the caller closes it
     * @throws MalformedModelException if the jar holds no bundled model
     */
    public static EmotionClassifier loadDefault() throws MalformedModelException {
        return loadDefault(ClassifierOptions.defaults());
    }

    /**
     * Loads the bundled model with the given options; see {@link #loadDefault()}.
     *
     * @param options the classifier options
     * @return the classifier; the caller closes it
     * @throws MalformedModelException if the jar holds no bundled model
     */
    public static EmotionClassifier loadDefault(ClassifierOptions options) throws MalformedModelException {
        ModelInfo info = ModelFiles.defaultInfo();
        String params = "classpath:" + ModelFiles.DEFAULT_MODEL + ModelInfo.PARAMETERS_FILE;
        try (InputStream in = ModelFiles.defaultResource(ModelInfo.PARAMETERS_FILE)) {
            return new EmotionClassifier(ModelFiles.newModel(info, in, params, "default"), info, "default", options);
        } catch (IOException e) {
            throw new MalformedModelException("Bundled default model: " + e.getMessage(), e);
        }
    }

    /**
     * Classifies one face image.
     *
     * @param image the face image, of any type and size
     * @return the prediction
     * @throws NullPointerException if {@code image} is null
     * @throws ai.djl.engine.EngineException if the engine fails (DJL's exception, with the engine's as the cause)
     */
    public EmotionPrediction predict(BufferedImage image) {
        return predictInputs(List.of(info.preprocessing().toInput(image))).get(0);
    }

    /**
     * Classifies one face held as a DJL {@link Image}; see {@link #predict(BufferedImage)}.
     *
     * @param image the face image, of any size
     * @return the prediction
     */
    public EmotionPrediction predict(Image image) {
        return predictInputs(List.of(info.preprocessing().toInput(image))).get(0);
    }

    /**
     * Classifies one encoded image (BMP, GIF as its first frame, JPEG, PNG, TIFF or WebP), turned upright
     * by its EXIF orientation.
     *
     * @param encoded the encoded image bytes
     * @return the prediction
     * @throws IllegalArgumentException if the bytes are empty or not an image
     */
    public EmotionPrediction predict(byte[] encoded) {
        return predictInputs(List.of(info.preprocessing().toInput(ImageDecoding.decode(encoded))))
                .get(0);
    }

    /**
     * Reads and classifies one image file, decoded as {@link #predict(byte[])} decodes (EXIF orientation
     * applied, the pixel limit checked from the header first).
     *
     * @param file the image file
     * @return the prediction
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read, or is a folder (the message starts with the path)
     * @throws IllegalArgumentException if it is not a decodable image (the message starts with the path)
     */
    public EmotionPrediction predict(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return predict(ImageDecoding.read(file));
    }

    /**
     * Classifies many faces in batched forward passes; the results are the same as one-by-one calls.
     *
     * @param images the face images, of any type and size
     * @return the predictions, in the order of {@code images}
     * @throws NullPointerException if the list or an image is null
     */
    public List<EmotionPrediction> predictAll(List<BufferedImage> images) {
        List<float[]> inputs = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            inputs.add(info.preprocessing().toInput(image));
        }
        return predictInputs(inputs);
    }

    /**
     * Classifies many grey face crops, such as faces cut out of video frames, in batched forward passes.
     *
     * @param faces the grey face images, of any size
     * @return the predictions, in the order of {@code faces}
     * @throws NullPointerException if the list or an image is null
     */
    public List<EmotionPrediction> predictGrey(List<GreyImage> faces) {
        List<float[]> inputs = new ArrayList<>(faces.size());
        for (GreyImage face : faces) {
            inputs.add(info.preprocessing().toInput(face));
        }
        return predictInputs(inputs);
    }

    /**
     * Classifies already preprocessed inputs (2,304 floats each, as {@link Preprocessing} makes them); the
     * tensor layout stays inside this package.
     */
    List<EmotionPrediction> predictInputs(List<float[]> inputs) {
        for (float[] in : inputs) {
            if (Objects.requireNonNull(in, "input").length != Preprocessing.PIXELS) {
                throw new IllegalArgumentException(
                        "A preprocessed input has " + Preprocessing.PIXELS + " floats, got " + in.length);
            }
        }
        List<EmotionPrediction> out = new ArrayList<>(inputs.size());
        int step = translator.facesPerPass(MAX_BATCH);
        for (int start = 0; start < inputs.size(); start += step) {
            for (float[] p : pool.predict(inputs.subList(start, Math.min(inputs.size(), start + step)))) {
                out.add(new EmotionPrediction(info.labels(), p));
            }
        }
        return out;
    }

    /**
     * Returns the model's labels, in the order of each prediction's probabilities.
     *
     * @return the label list
     */
    public EmotionLabels labels() {
        return info.labels();
    }

    /**
     * Returns the model's description from its {@code model.json}.
     *
     * @return the model description
     */
    public ModelInfo info() {
        return info;
    }

    /**
     * Returns where the model came from: its folder, or {@code "default"} for the bundled model.
     *
     * @return the model folder, or {@code "default"}
     */
    public String source() {
        return source;
    }

    /**
     * Returns the options this classifier was loaded with.
     *
     * @return the options
     */
    public ClassifierOptions options() {
        return options;
    }

    /**
     * Returns the views of each face whose probabilities this classifier averages: the options' setting
     * when they have one, else what the model's {@code model.json} says ({@code NONE} when it says nothing).
     *
     * @return the test-time augmentation in use
     */
    public TestTimeAugmentation testTimeAugmentation() {
        return testTimeAugmentation;
    }

    /**
     * Returns the side of the central square of each face's input that this classifier classifies: the
     * options' setting when they have one, else what the model's {@code model.json} says (48, the whole
     * input, when it says nothing).
     *
     * @return the centre crop's side in pixels
     */
    public int centreCrop() {
        return centreCrop;
    }

    /**
     * Waits for predictions in flight to finish, then frees the predictors and the native model memory;
     * later predictions throw {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        pool.close();
    }
}
