// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.ParameterFiles;

/**
 * Turns a model folder, or the model bundled in this jar, into a DJL {@link Model} with its weights, or
 * into DJL {@link Criteria}. Every load error is a {@link MalformedModelException} naming the file.
 */
final class ModelFiles {

    /** The classpath folder of the bundled default model. */
    static final String DEFAULT_MODEL = "/org/fer4j/inference/default-model/";

    private ModelFiles() {}

    /** Reads a folder's model.json. */
    static ModelInfo readInfo(Path modelDir) throws MalformedModelException {
        Objects.requireNonNull(modelDir, "modelDir");
        if (!Files.isDirectory(modelDir)) {
            throw new MalformedModelException("Model folder " + modelDir + " does not exist or is not a folder");
        }
        try {
            return ModelInfo.read(modelDir);
        } catch (NoSuchFileException e) {
            throw new MalformedModelException(
                    modelDir.resolve(ModelInfo.FILE_NAME) + ": missing (not a fer4j model folder?)", e);
        } catch (IOException e) {
            throw new MalformedModelException(e.getMessage(), e);
        }
    }

    /** The folder's parameter file, checked to exist. */
    static Path parametersFile(Path modelDir) throws MalformedModelException {
        Path params = modelDir.resolve(ModelInfo.PARAMETERS_FILE);
        if (!Files.isRegularFile(params)) {
            throw new MalformedModelException(params + ": missing network parameters");
        }
        return params;
    }

    /** Opens a file of the bundled model, or names the missing resource. */
    static InputStream defaultResource(String name) throws MalformedModelException {
        InputStream in = ModelFiles.class.getResourceAsStream(DEFAULT_MODEL + name);
        if (in == null) {
            throw new MalformedModelException("No default model is bundled: classpath resource " + DEFAULT_MODEL + name
                    + " is missing; load a model folder with EmotionClassifier.load(Path)");
        }
        return in;
    }

    /** Reads the bundled model's model.json. */
    static ModelInfo defaultInfo() throws MalformedModelException {
        try (InputStream in = defaultResource(ModelInfo.FILE_NAME)) {
            return ModelInfo.parse(in.readAllBytes(), "classpath:" + DEFAULT_MODEL + ModelInfo.FILE_NAME);
        } catch (IOException e) {
            throw new MalformedModelException("Bundled default model: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the model's network, reads its weights and checks that it has one output per label.
     *
     * @param params the parameter file's bytes; the caller closes the stream
     * @param paramsName the parameter file, for messages
     * @param source the model folder, for messages
     * @return the model; the caller closes it
     */
    static Model newModel(ModelInfo info, InputStream params, String paramsName, String source)
            throws MalformedModelException {
        Block block = buildBlock(info, source);
        Model model = Model.newInstance("fer4j", Device.cpu());
        long outputs;
        try {
            model.setBlock(block);
            loadWeights(block, model.getNDManager(), params);
            try (Predictor<float[], float[]> probe =
                    model.newPredictor(new FaceTranslator(TestTimeAugmentation.NONE, Preprocessing.SIZE, 1))) {
                outputs = probe.predict(new float[Preprocessing.PIXELS]).length;
            }
        } catch (IOException | MalformedModelException | TranslateException | RuntimeException e) {
            model.close();
            throw new MalformedModelException(
                    paramsName + ": corrupt or not parameters of a '" + info.architecture() + "' network ("
                            + e.getMessage() + ")",
                    e);
        }
        if (outputs != info.labels().size()) {
            model.close();
            throw new MalformedModelException(paramsName + ": the network has " + outputs + " outputs but " + source
                    + "/" + ModelInfo.FILE_NAME + " lists " + info.labels().size() + " labels");
        }
        return model;
    }

    /** Initialises {@code block} for one grey 48x48 face and reads a parameter file into it. */
    static void loadWeights(Block block, NDManager manager, InputStream params)
            throws IOException, MalformedModelException {
        block.initialize(manager, DataType.FLOAT32, Preprocessing.inputShape(1));
        ParameterFiles.read(block, manager, params);
    }

    /** The criteria of {@link EmotionClassifier#criteria(Path)}. */
    static Criteria<Image, Classifications> criteria(Path modelDir) throws MalformedModelException {
        ModelInfo info = readInfo(modelDir);
        Path params = parametersFile(modelDir);
        return Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelPath(modelDir)
                .optModelName("fer4j")
                .optEngine("PyTorch")
                .optBlock(buildBlock(info, modelDir.toString()))
                // DJL's loader looks only for <name>-NNNN.params, never model.params: the translator reads it.
                .optOption("hasParameter", "false")
                .optTranslator(new ImageTranslator(info, params))
                .build();
    }

    /** The criteria of {@link EmotionClassifier#defaultCriteria()}: the bundled files copied to a temporary folder. */
    static Criteria<Image, Classifications> defaultCriteria() throws MalformedModelException {
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
            throw new MalformedModelException(
                    "Bundled default model: cannot copy to a temporary folder (" + e.getMessage() + ")", e);
        }
    }

    private static Block buildBlock(ModelInfo info, String source) throws MalformedModelException {
        try {
            return Architectures.build(info.architecture(), info.labels().size());
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException(source + "/" + ModelInfo.FILE_NAME + ": " + e.getMessage(), e);
        }
    }
}
