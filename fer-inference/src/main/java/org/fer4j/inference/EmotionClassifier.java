package org.fer4j.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.fer4j.core.Calibration;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.GreyImage;
import org.fer4j.core.ImageDecoding;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.nn.Architectures;

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

    /** The classpath folder of the bundled default model. */
    static final String DEFAULT_MODEL = "/org/fer4j/inference/default-model/";
    private static final int MAX_BATCH = 128;

    private final Model model;
    private final ModelInfo info;
    private final String source;
    private final ClassifierOptions options;
    private final TestTimeAugmentation testTimeAugmentation;
    private final LinkedBlockingDeque<Predictor<float[][], float[][]>> idle = new LinkedBlockingDeque<>();
    private final List<Predictor<float[][], float[][]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;
    /** Predictions hold it shared; close holds it alone, so it waits for in-flight predictions. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private EmotionClassifier(Model model, ModelInfo info, String source, ClassifierOptions options,
            TestTimeAugmentation testTimeAugmentation) {
        this.model = model;
        this.info = info;
        this.source = source;
        this.options = options;
        this.testTimeAugmentation = testTimeAugmentation;
    }

    /**
     * Loads a model folder written by fer-training ({@code model.json}, {@code model.params}).
     *
     * @param modelDir the model folder
     * @return the classifier; the caller closes it
     * @throws ModelLoadException if a file is missing or corrupt, the architecture is unknown, or the
     *     labels do not match the network's output size; the message names the file
     */
    public static EmotionClassifier load(Path modelDir) throws ModelLoadException {
        return load(modelDir, ClassifierOptions.defaults());
    }

    /**
     * Loads a model folder with the given options; see {@link #load(Path)}.
     *
     * @param modelDir the model folder
     * @param options the classifier options
     * @return the classifier; the caller closes it
     * @throws ModelLoadException if the model cannot be loaded; the message names the file
     */
    public static EmotionClassifier load(Path modelDir, ClassifierOptions options) throws ModelLoadException {
        ModelInfo info = readInfo(modelDir);
        Path params = parametersFile(modelDir);
        try (InputStream in = Files.newInputStream(params)) {
            return create(info, in, params.toString(), modelDir.toString(), options);
        } catch (IOException e) {
            throw new ModelLoadException(params + ": cannot read (" + e.getMessage() + ")", e);
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
     * @throws ModelLoadException if a file is missing or the architecture is unknown; the message names the file
     */
    public static Criteria<Image, Classifications> criteria(Path modelDir) throws ModelLoadException {
        ModelInfo info = readInfo(modelDir);
        Path params = parametersFile(modelDir);
        return Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelPath(modelDir)
                .optModelName("fer4j")
                .optEngine("PyTorch")
                .optBlock(buildBlock(info, modelDir.toString()))
                // fer4j's model.params is a block's parameters without DJL's header: the translator loads it.
                .optOption("hasParameter", "false")
                .optTranslator(new FaceTranslator(info, params))
                .build();
    }

    /**
     * Describes the bundled model the usual DJL way; see {@link #criteria(Path)}. Its files are copied to a
     * temporary folder, deleted when the JVM exits.
     *
     * @return the criteria; loading and closing the model is the caller's
     * @throws ModelLoadException if the jar holds no bundled model or the copy fails
     */
    public static Criteria<Image, Classifications> defaultCriteria() throws ModelLoadException {
        try {
            Path dir = Files.createTempDirectory("fer4j-default-model");
            dir.toFile().deleteOnExit();
            for (String name : List.of(ModelInfo.FILE_NAME, ModelInfo.PARAMETERS_FILE)) {
                Path file = dir.resolve(name);
                try (InputStream in = defaultResource(name)) {
                    Files.copy(in, file);
                }
                file.toFile().deleteOnExit();
            }
            return criteria(dir);
        } catch (IOException e) {
            throw new ModelLoadException("Bundled default model: cannot copy to a temporary folder (" + e.getMessage()
                    + ")", e);
        }
    }

    private static ModelInfo readInfo(Path modelDir) throws ModelLoadException {
        Objects.requireNonNull(modelDir, "modelDir");
        if (!Files.isDirectory(modelDir)) {
            throw new ModelLoadException("Model folder " + modelDir + " does not exist or is not a folder");
        }
        try {
            return ModelInfo.read(modelDir);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(modelDir.resolve(ModelInfo.FILE_NAME) + ": missing (not a fer4j model folder?)", e);
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    private static Path parametersFile(Path modelDir) throws ModelLoadException {
        Path params = modelDir.resolve(ModelInfo.PARAMETERS_FILE);
        if (!Files.isRegularFile(params)) {
            throw new ModelLoadException(params + ": missing network parameters");
        }
        return params;
    }

    /** Opens a file of the bundled model, or names the missing resource. */
    private static InputStream defaultResource(String name) throws ModelLoadException {
        InputStream in = EmotionClassifier.class.getResourceAsStream(DEFAULT_MODEL + name);
        if (in == null) {
            throw new ModelLoadException("No default model is bundled: classpath resource " + DEFAULT_MODEL + name
                    + " is missing; load a model folder with EmotionClassifier.load(Path)");
        }
        return in;
    }

    /**
     * Loads the model bundled in this jar, with no network access and no configuration.
     *
     * @return the classifier; the caller closes it
     * @throws ModelLoadException if the jar holds no bundled model
     */
    public static EmotionClassifier loadDefault() throws ModelLoadException {
        return loadDefault(ClassifierOptions.defaults());
    }

    /**
     * Loads the bundled model with the given options; see {@link #loadDefault()}.
     *
     * @param options the classifier options
     * @return the classifier; the caller closes it
     * @throws ModelLoadException if the jar holds no bundled model
     */
    public static EmotionClassifier loadDefault(ClassifierOptions options) throws ModelLoadException {
        String json = DEFAULT_MODEL + ModelInfo.FILE_NAME;
        String params = DEFAULT_MODEL + ModelInfo.PARAMETERS_FILE;
        try (InputStream jsonIn = defaultResource(ModelInfo.FILE_NAME);
                InputStream paramsIn = defaultResource(ModelInfo.PARAMETERS_FILE)) {
            ModelInfo info = ModelInfo.parse(jsonIn.readAllBytes(), "classpath:" + json);
            return create(info, paramsIn, "classpath:" + params, "default", options);
        } catch (IOException e) {
            throw new ModelLoadException("Bundled default model: " + e.getMessage(), e);
        }
    }

    private static Block buildBlock(ModelInfo info, String source) throws ModelLoadException {
        try {
            return Architectures.build(info.architecture(), info.labels().size());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + "/" + ModelInfo.FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    /** Initialises {@code block} for one grey 48x48 face and reads fer4j's parameters (no DJL header) into it. */
    static void loadWeights(Block block, NDManager manager, InputStream params)
            throws IOException, MalformedModelException {
        block.initialize(manager, DataType.FLOAT32, Preprocessing.inputShape(1));
        block.loadParameters(manager, new DataInputStream(new BufferedInputStream(params)));
    }

    /** The calibration temperature the model's model.json records, 1 when it records none. */
    private static double temperature(ModelInfo info) {
        return info.inference().map(ModelInfo.Inference::temperatureOrOne).orElse(1.0);
    }

    private static TestTimeAugmentation testTimeAugmentation(ModelInfo info, String source, ClassifierOptions options)
            throws ModelLoadException {
        if (options.testTimeAugmentation().isPresent()) {
            return options.testTimeAugmentation().get();
        }
        return info.inference().map(ModelInfo.Inference::testTimeAugmentation).orElse(TestTimeAugmentation.NONE);
    }

    private static EmotionClassifier create(ModelInfo info, InputStream params, String paramsName, String source,
            ClassifierOptions options) throws ModelLoadException {
        Block block = buildBlock(info, source);
        Model model = Model.newInstance("fer4j", Device.cpu());
        try {
            model.setBlock(block);
            loadWeights(block, model.getNDManager(), params);
            EmotionClassifier classifier = new EmotionClassifier(model, info, source, options,
                    testTimeAugmentation(info, source, options));
            long outputs = classifier.forward(new float[][] {new float[Preprocessing.PIXELS]})[0].length;
            if (outputs != info.labels().size()) {
                throw new ModelLoadException(paramsName + ": the network has " + outputs + " outputs but "
                        + source + "/" + ModelInfo.FILE_NAME + " lists " + info.labels().size() + " labels");
            }
            return classifier;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(paramsName + ": corrupt or not parameters of a '" + info.architecture()
                    + "' network (" + e.getMessage() + ")", e);
        } catch (ModelLoadException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Classifies one face image.
     *
     * @param image the face image, of any type and size
     * @return the prediction
     * @throws NullPointerException if {@code image} is null
     * @throws InferenceException if the engine fails
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
     * Classifies one encoded image in one of {@link ImageDecoding#FORMATS}, turned upright by its EXIF
     * orientation.
     *
     * @param encoded the encoded image bytes
     * @return the prediction
     * @throws IllegalArgumentException if the bytes are empty or not an image
     */
    public EmotionPrediction predict(byte[] encoded) {
        return predictInputs(List.of(info.preprocessing().toInput(encoded))).get(0);
    }

    /**
     * Reads and classifies one image file, decoded by {@link ImageDecoding#read(Path)} (EXIF orientation
     * applied, pixel limit checked first).
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
                throw new IllegalArgumentException("A preprocessed input has " + Preprocessing.PIXELS
                        + " floats, got " + in.length);
            }
        }
        List<EmotionPrediction> out = new ArrayList<>(inputs.size());
        for (int start = 0; start < inputs.size(); start += MAX_BATCH) {
            List<float[]> chunk = inputs.subList(start, Math.min(inputs.size(), start + MAX_BATCH));
            for (float[] p : probabilities(chunk.toArray(new float[0][]))) {
                out.add(new EmotionPrediction(info.labels(), p));
            }
        }
        return out;
    }

    /** The probabilities of each face: its views averaged, then scaled to the model's calibration temperature. */
    private float[][] probabilities(float[][] batch) {
        float[][] p = averagedOverViews(batch);
        double t = temperature(info);
        if (t != 1) {
            for (int i = 0; i < p.length; i++) {
                p[i] = Calibration.atTemperature(p[i], p[i].length, t);
            }
        }
        return p;
    }

    private float[][] averagedOverViews(float[][] batch) {
        if (testTimeAugmentation == TestTimeAugmentation.NONE) {
            return forward(batch);
        }
        List<float[]> views = new ArrayList<>();
        for (float[] input : batch) {
            views.addAll(testTimeAugmentation.views(input));
        }
        int perFace = views.size() / batch.length;
        float[][] p = new float[views.size()][];
        for (int start = 0; start < views.size(); start += MAX_BATCH) {
            int end = Math.min(views.size(), start + MAX_BATCH);
            float[][] part = forward(views.subList(start, end).toArray(new float[0][]));
            System.arraycopy(part, 0, p, start, part.length);
        }
        float[][] avg = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            avg[i] = new float[p[i * perFace].length];
            for (int v = 0; v < perFace; v++) {
                for (int c = 0; c < avg[i].length; c++) {
                    avg[i][c] += p[i * perFace + v][c] / perFace;
                }
            }
        }
        return avg;
    }

    private float[][] forward(float[][] batch) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("This EmotionClassifier is closed");
            }
            Predictor<float[][], float[][]> predictor = borrow();
            try {
                return predictor.predict(batch);
            } catch (TranslateException e) {
                throw new InferenceException("The engine failed to classify a batch of " + batch.length, e);
            } finally {
                idle.offerFirst(predictor);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private Predictor<float[][], float[][]> borrow() {
        Predictor<float[][], float[][]> p = idle.pollFirst();
        if (p != null) {
            return p;
        }
        synchronized (all) {
            if (created.get() < options.maxConcurrency() && !closed) {
                created.incrementAndGet();
                Predictor<float[][], float[][]> fresh = model.newPredictor(new Softmax());
                all.add(fresh);
                return fresh;
            }
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException("Interrupted while waiting for a free predictor", e);
        }
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
     * Waits for predictions in flight to finish, then frees the predictors and the native model memory;
     * later predictions throw {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (all) {
                all.forEach(Predictor::close);
                all.clear();
            }
            idle.clear();
            model.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Turns a batch of preprocessed faces into class probabilities. */
    private static final class Softmax implements NoBatchifyTranslator<float[][], float[][]> {
        @Override
        public NDList processInput(TranslatorContext ctx, float[][] batch) {
            float[] flat = new float[batch.length * Preprocessing.PIXELS];
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(batch[i], 0, flat, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
            }
            return new NDList(Preprocessing.toInputArray(ctx.getNDManager(), flat, batch.length));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray p = list.singletonOrThrow().softmax(1);
            int classes = (int) p.getShape().get(1);
            float[] flat = p.toFloatArray();
            float[][] out = new float[flat.length / classes][classes];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(flat, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }

    /**
     * The translator of {@link #criteria(Path)}: the model's own preprocessing in, softmax
     * {@link Classifications} with its label names out, batched by DJL's default stacking.
     */
    private static final class FaceTranslator implements Translator<Image, Classifications> {
        private final ModelInfo info;
        private final Path params;

        FaceTranslator(ModelInfo info, Path params) {
            this.info = info;
            this.params = params;
        }

        /** Reads the weights into the model's block once, when its first predictor first predicts. */
        @Override
        public void prepare(TranslatorContext ctx) throws IOException, MalformedModelException {
            Model model = ctx.getModel();
            Block block = model.getBlock();
            synchronized (block) {
                if (!block.isInitialized()) {
                    try (InputStream in = Files.newInputStream(params)) {
                        loadWeights(block, model.getNDManager(), in);
                    }
                }
            }
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Image image) {
            return new NDList(ctx.getNDManager().create(info.preprocessing().toInput(image),
                    new Shape(1, Preprocessing.SIZE, Preprocessing.SIZE)));
        }

        @Override
        public Classifications processOutput(TranslatorContext ctx, NDList list) {
            float[] p = list.singletonOrThrow().softmax(0).toFloatArray();
            double t = temperature(info);
            return new EmotionPrediction(info.labels(), t == 1 ? p : Calibration.atTemperature(p, p.length, t))
                    .toClassifications();
        }
    }
}
