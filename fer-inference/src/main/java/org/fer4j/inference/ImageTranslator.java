// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.ModelInfo;

/**
 * The translator of {@link EmotionClassifier#criteria(Path)}: a DJL {@link Image} through the model's own
 * preprocessing into {@link FaceTranslator}, its probabilities out as {@link Classifications} with the
 * model's label names. Also reads the weights, because DJL's loader cannot find {@code model.params}.
 */
final class ImageTranslator implements Translator<Image, Classifications> {

    private final ModelInfo info;
    private final Path params;
    private final FaceTranslator faces;

    ImageTranslator(ModelInfo info, Path params) {
        this.info = info;
        this.params = params;
        // DJL predictors have no test-time augmentation: one view per face, as the javadoc of criteria() says.
        this.faces = FaceTranslator.singlePass(info);
    }

    /**
     * Reads the weights into the model's block once, when its first predictor first predicts: DJL looks only
     * for {@code <name>-NNNN.params}, so the criteria say {@code hasParameter=false} and this reads the file.
     */
    @Override
    public void prepare(TranslatorContext ctx) throws IOException, MalformedModelException {
        Model model = ctx.getModel();
        Block block = model.getBlock();
        synchronized (block) {
            if (!block.isInitialized()) {
                try (InputStream in = Files.newInputStream(params)) {
                    ModelFiles.loadWeights(block, model.getNDManager(), in);
                }
            }
        }
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<Image> images) {
        List<float[]> inputs = new ArrayList<>(images.size());
        for (Image image : images) {
            inputs.add(info.preprocessing().toInput(image));
        }
        return faces.batchProcessInput(ctx, inputs);
    }

    @Override
    public List<Classifications> batchProcessOutput(TranslatorContext ctx, NDList list) {
        List<Classifications> out = new ArrayList<>();
        for (float[] p : faces.batchProcessOutput(ctx, list)) {
            out.add(new EmotionPrediction(info.labels(), p).toClassifications());
        }
        return out;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image image) {
        return batchProcessInput(ctx, List.of(image));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return batchProcessOutput(ctx, list).get(0);
    }
}
