// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.InferenceSettings;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.core.internal.Calibration;

/**
 * Preprocessed faces in, class probabilities out, in small steps: each face's test-time views (of its
 * centre crop when the model has one), one input
 * tensor for all of them, softmax, the average over each face's views, the model's calibration temperature.
 * The classifier's pooled predictors and the DJL {@code Criteria} path both run it, so they cannot disagree.
 *
 * <p>It replaces DJL's stacking batchifier by {@link #batchProcessInput} and {@link #batchProcessOutput}, so
 * a batch goes through the network as one (N, 1, 48, 48) tensor built by {@link Preprocessing#toInputArray}.
 * Stateless and thread-safe.
 */
final class FaceTranslator implements Translator<float[], float[]> {

    private final TestTimeAugmentation views;
    private final int centreCrop;
    private final double temperature;

    FaceTranslator(TestTimeAugmentation views, int centreCrop, double temperature) {
        this.views = views;
        this.centreCrop = TestTimeAugmentation.checkCentreCrop(centreCrop);
        this.temperature = temperature;
    }

    /** The translator of a model as its model.json says to run it, single-pass. */
    static FaceTranslator singlePass(ModelInfo info) {
        return new FaceTranslator(TestTimeAugmentation.NONE, centreCrop(info), temperature(info));
    }

    /** The centre crop a model's model.json records, the whole input for none. */
    static int centreCrop(ModelInfo info) {
        return info.inference().map(InferenceSettings::centreCropOrWhole).orElse(Preprocessing.SIZE);
    }

    /** The calibration temperature a model's model.json records, 1 for none. */
    static double temperature(ModelInfo info) {
        return info.inference().map(InferenceSettings::temperatureOrOne).orElse(1.0);
    }

    /** How many faces fit one forward pass of at most {@code maxViews} inputs; a power of two, so batches tile. */
    int facesPerPass(int maxViews) {
        return Integer.highestOneBit(Math.max(1, maxViews / views.passes()));
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<float[]> faces) {
        return new NDList(inputArray(ctx.getNDManager(), withViews(faces)));
    }

    @Override
    public List<float[]> batchProcessOutput(TranslatorContext ctx, NDList list) {
        float[][] p = averagedPerFace(softmax(list.singletonOrThrow()), views.passes());
        List<float[]> out = new ArrayList<>(p.length);
        for (float[] face : p) {
            out.add(temperature == 1 ? face : Calibration.atTemperature(face, face.length, temperature));
        }
        return out;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] face) {
        return batchProcessInput(ctx, List.of(face));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        return batchProcessOutput(ctx, list).get(0);
    }

    /** Each face's views, face after face; the faces themselves when there is no augmentation or crop. */
    private List<float[]> withViews(List<float[]> faces) {
        if (views == TestTimeAugmentation.NONE && centreCrop == Preprocessing.SIZE) {
            return faces;
        }
        List<float[]> all = new ArrayList<>(faces.size() * views.passes());
        for (float[] face : faces) {
            all.addAll(views.views(face, centreCrop));
        }
        return all;
    }

    /** Lays preprocessed inputs end to end in the network's input tensor. */
    private static NDArray inputArray(NDManager manager, List<float[]> inputs) {
        float[] flat = new float[inputs.size() * Preprocessing.PIXELS];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(inputs.get(i), 0, flat, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
        }
        return Preprocessing.toInputArray(manager, flat, inputs.size());
    }

    /** The rows of softmax over the classes of an (N, classes) array of logits. */
    private static float[][] softmax(NDArray logits) {
        NDArray p = logits.softmax(1);
        int classes = (int) p.getShape().get(1);
        float[] flat = p.toFloatArray();
        float[][] out = new float[flat.length / classes][classes];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * classes, out[i], 0, classes);
        }
        return out;
    }

    /** The mean of each run of {@code perFace} consecutive rows. */
    private static float[][] averagedPerFace(float[][] p, int perFace) {
        if (perFace == 1) {
            return p;
        }
        float[][] avg = new float[p.length / perFace][];
        for (int i = 0; i < avg.length; i++) {
            avg[i] = new float[p[i * perFace].length];
            for (int v = 0; v < perFace; v++) {
                for (int c = 0; c < avg[i].length; c++) {
                    avg[i][c] += p[i * perFace + v][c] / perFace;
                }
            }
        }
        return avg;
    }
}
