// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Adam, AdamW, SGD with momentum and SGD with Nesterov momentum, written so that their state (moments,
 * momentum buffers, step counts) can be saved with a checkpoint and loaded again: DJL's own optimisers
 * keep that state private, so a resumed run would restart them from zero.
 *
 * <p>State is keyed by the parameter's path in the block ({@code 01Conv2d_weight}), not by DJL's
 * parameter id, which is a fresh random id every time a block is built.
 */
final class CheckpointedOptimizer extends Optimizer {

    private static final float MOMENTUM = 0.9f;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final TrainingSpec.Optimizer kind;
    private final float weightDecay;
    private final IntToDoubleFunction rate;
    private final Map<String, String> nameOfId = new HashMap<>();
    private final Map<String, NDArray[]> state = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();

    /**
     * Creates the optimiser for the parameters of {@code block}.
     *
     * @param kind which update rule
     * @param weightDecay the weight decay (L2 for Adam and SGD, decoupled for AdamW)
     * @param rate the learning rate for a given (1-based) step count of a parameter
     * @param block the network whose parameters it updates
     */
    CheckpointedOptimizer(TrainingSpec.Optimizer kind, float weightDecay, IntToDoubleFunction rate, Block block) {
        super(new Builder());
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.rate = rate;
        for (Pair<String, Parameter> p : block.getParameters()) {
            nameOfId.put(p.getValue().getId(), p.getKey());
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameOfId.getOrDefault(parameterId, parameterId);
        int t = steps.merge(name, 1, Integer::sum);
        float lr = (float) rate.applyAsDouble(t);
        int slots = slots();
        NDArray[] s = state.computeIfAbsent(name, k -> {
            NDArray[] fresh = new NDArray[slots];
            for (int i = 0; i < slots; i++) {
                fresh[i] = weight.zerosLike();
            }
            return fresh;
        });
        if (kind == TrainingSpec.Optimizer.ADAMW && weightDecay > 0) {
            try (NDArray decay = weight.mul(lr * weightDecay)) {
                weight.subi(decay);
            }
        }
        try (NDArray g = kind == TrainingSpec.Optimizer.ADAMW ? grad.duplicate() : decayed(weight, grad)) {
            if (slots == 2) {
                adam(weight, g, s[0], s[1], lr, t);
            } else {
                sgd(weight, g, s[0], lr, kind == TrainingSpec.Optimizer.NESTEROV);
            }
        }
        clearGradient(weight);
    }

    /**
     * Sets the weight's own gradient to zero. PyTorch adds each backward pass into it and DJL's fused updates
     * clear it; the grad argument is DJL's copy. Set, not computed: {@code g - g} and {@code g * 0} keep a
     * NaN or infinity, which would then poison every later step.
     */
    static void clearGradient(NDArray weight) {
        try (NDArray live = weight.getGradient()) {
            live.set(new NDIndex("..."), 0f);
        }
    }

    /** Arrays of state per parameter: Adam's two moments, or SGD's one momentum buffer. */
    private int slots() {
        return kind == TrainingSpec.Optimizer.ADAM || kind == TrainingSpec.Optimizer.ADAMW ? 2 : 1;
    }

    private NDArray decayed(NDArray weight, NDArray grad) {
        if (weightDecay == 0) {
            return grad.duplicate();
        }
        NDArray g = weight.mul(weightDecay);
        g.addi(grad);
        return g;
    }

    private static void adam(NDArray weight, NDArray g, NDArray mean, NDArray variance, float lr, int t) {
        double corrected = lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        try (NDArray part = g.mul(1 - BETA1)) {
            mean.muli(BETA1).addi(part);
        }
        try (NDArray square = g.square()) {
            square.muli(1 - BETA2);
            variance.muli(BETA2).addi(square);
        }
        try (NDArray denominator = variance.sqrt()) {
            denominator.addi(EPSILON);
            try (NDArray step = mean.div(denominator)) {
                step.muli((float) corrected);
                weight.subi(step);
            }
        }
    }

    private static void sgd(NDArray weight, NDArray g, NDArray momentum, float lr, boolean nesterov) {
        momentum.muli(MOMENTUM).addi(g);
        try (NDArray step = momentum.mul(nesterov ? MOMENTUM : 1f)) {
            if (nesterov) {
                step.addi(g);
            }
            step.muli(lr);
            weight.subi(step);
        }
    }

    /**
     * Returns the number of updates applied to each parameter so far, by parameter path, in the order the
     * parameters were first updated (so {@code state.json} lists them the same way on every run).
     *
     * @return the step counts
     */
    Map<String, Integer> steps() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /**
     * Writes the moments or momentum buffers to {@code file} atomically (DJL's NDList encoding, one
     * named array per parameter and slot).
     *
     * @param file the target file
     * @throws IOException if it cannot be written
     */
    void save(Path file) throws IOException {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                NDArray a = e.getValue()[i];
                a.setName(e.getKey() + "#" + i);
                list.add(a);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            list.encode(os);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Restores the state written by {@link #save(Path)}, with the step counts saved beside it.
     *
     * @param file the file {@link #save(Path)} wrote
     * @param savedSteps the step counts by parameter path
     * @param manager the manager that owns the restored arrays for the rest of the run
     * @throws IOException if the file cannot be read or does not match this network and optimiser
     */
    void load(Path file, Map<String, Integer> savedSteps, NDManager manager) throws IOException {
        NDList list;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file))) {
            list = NDList.decode(manager, is);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    file + ": not an optimiser state ("
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()) + ")",
                    e);
        }
        Map<String, NDArray[]> read = new LinkedHashMap<>();
        for (NDArray a : list) {
            String n = a.getName();
            int hash = n == null ? -1 : n.lastIndexOf('#');
            int slot = hash < 0 || !n.substring(hash + 1).matches("\\d") ? -1 : Integer.parseInt(n.substring(hash + 1));
            int slots = slots();
            if (slot < 0 || slot >= slots || !nameOfId.containsValue(n.substring(0, hash))) {
                throw new IOException(
                        file + ": array '" + n + "' does not belong to this network's " + kind + " optimiser");
            }
            read.computeIfAbsent(n.substring(0, hash), k -> new NDArray[slots])[slot] = a;
        }
        state.clear();
        state.putAll(read);
        steps.clear();
        steps.putAll(savedSteps);
    }

    /** The base class wants a builder; this optimiser takes its settings in its constructor instead. */
    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
