// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.ParameterFiles;

/**
 * An exponential moving average of a training network's weights, batch-norm statistics included, kept in a
 * second copy of the network that the run validates, keeps as its best and ships. The average lives in its own
 * block so the trained one is never touched; step {@code t} uses the decay {@code min(decay, (1 + t) / (10 + t))}
 * so the average forgets the random start quickly.
 */
final class WeightAverage {

    private final float decay;
    private final Block trained;
    private final Block average;
    private final NDManager manager;

    /**
     * Starts an average equal to the current weights of {@code trained}, an initialised block of
     * {@code architecture}; its arrays belong to a sub-manager of {@code parent} and go with it.
     */
    WeightAverage(String architecture, int classes, Block trained, float decay, NDManager parent) {
        this.decay = decay;
        this.trained = trained;
        this.manager = parent.newSubManager();
        this.average = Architectures.build(architecture, classes);
        average.initialize(manager, DataType.FLOAT32, Preprocessing.inputShape(1));
        blend(0f);
    }

    /** The network that holds the average, for validation and saving. */
    Block block() {
        return average;
    }

    /** Moves the average towards the trained weights after optimiser step {@code step} (from 1). */
    void update(long step) {
        blend(Math.min(decay, (1f + step) / (10f + step)));
    }

    /** Writes the average as a parameter file. */
    void save(Path file) throws IOException {
        ParameterFiles.write(average, file);
    }

    /** Reads an average written by {@link #save(Path)}, for a resumed run. */
    void load(Path file) throws IOException {
        ParameterFiles.read(average, manager, file);
    }

    /** Sets every average to {@code average * d + trained * (1 - d)}; d = 0 copies the trained weights. */
    private void blend(float d) {
        Map<String, NDArray> from = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : trained.getParameters()) {
            from.put(p.getKey(), p.getValue().getArray());
        }
        for (Pair<String, Parameter> p : average.getParameters()) {
            NDArray avg = p.getValue().getArray();
            NDArray w = from.get(p.getKey());
            if (d == 0f) {
                avg.set(new NDIndex("..."), w);
            } else {
                try (NDArray step = avg.sub(w)) {
                    step.muli(1f - d);
                    avg.subi(step);
                }
            }
        }
    }
}
