// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.ParameterFiles;

/**
 * A run's {@code checkpoints/} folder. After every epoch it saves the best weights when the epoch is the
 * best so far (the weight average's, when the run keeps one), the epoch's weights ({@code epoch-NNNN.params}),
 * optimiser state ({@code .optimizer}) and weight average ({@code .average}), then {@code state.json}, and
 * deletes the previous epoch's files; on resume it loads them back.
 */
final class Checkpoints extends TrainingListenerAdapter {

    /** File name of the best epoch's weights. */
    static final String BEST = "best.params";

    private static final String PARAMS = ".params";
    private static final String OPTIMIZER = ".optimizer";
    private static final String AVERAGE = ".average";

    private final Path dir;
    private final CheckpointedOptimizer optimizer;
    private final EarlyStopping stopping;
    private final WeightAverage average;
    private RunState state;

    /** A run's checkpoints; {@code average} is null unless the run keeps a weight average. */
    Checkpoints(
            Path dir, RunState state, CheckpointedOptimizer optimizer, EarlyStopping stopping, WeightAverage average) {
        this.dir = dir;
        this.state = state;
        this.optimizer = optimizer;
        this.stopping = stopping;
        this.average = average;
    }

    /** Returns the state file of the run in {@code runDir}. */
    static Path stateFile(Path runDir) {
        return runDir.resolve("checkpoints").resolve(RunState.FILE_NAME);
    }

    /** Loads the checkpoint once into a throw-away network, so a damaged file fails before the data loads. */
    static void check(Path runDir, RunState state) {
        Path labelsFile = runDir.resolve(EmotionLabels.FILE_NAME);
        Path params = runDir.resolve("checkpoints").resolve(state.checkpoint() + PARAMS);
        EmotionLabels labels;
        try {
            labels = EmotionLabels.read(labelsFile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(labelsFile + ": unreadable (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(params)) {
            throw new IllegalArgumentException(params + ": the checkpoint named in state.json is missing");
        }
        TrainingSpec spec = state.spec();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(spec.architecture(), labels.size());
            block.initialize(manager, DataType.FLOAT32, Preprocessing.inputShape(1));
            CheckpointedOptimizer optimizer =
                    new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(), step -> 0, block);
            restore(runDir.resolve("checkpoints"), state, block, optimizer, null, manager);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Returns the state as of the last checkpoint. */
    RunState state() {
        return state;
    }

    /**
     * Loads the checkpoint {@code state} names from {@code dir}: its weights into an initialised
     * {@code block}, the weight average when {@code average} is not null and, when it was saved, the
     * optimiser's state.
     */
    static void restore(
            Path dir,
            RunState state,
            Block block,
            CheckpointedOptimizer optimizer,
            WeightAverage average,
            NDManager manager)
            throws IOException {
        ParameterFiles.read(block, manager, dir.resolve(state.checkpoint() + PARAMS));
        if (average != null) {
            average.load(dir.resolve(state.checkpoint() + AVERAGE));
        }
        // Runs saved before optimiser state was checkpointed have only the weights.
        Path optimizerFile = dir.resolve(state.checkpoint() + OPTIMIZER);
        if (Files.isRegularFile(optimizerFile)) {
            optimizer.load(optimizerFile, state.optimizerSteps(), manager);
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        int epoch = state.epochsDone() + 1;
        Block block = trainer.getModel().getBlock();
        try {
            if (stopping.lastWasBest()) {
                ParameterFiles.write(average != null ? average.block() : block, dir.resolve(BEST));
            }
            String checkpoint = String.format(Locale.ROOT, "epoch-%04d", epoch);
            ParameterFiles.write(block, dir.resolve(checkpoint + PARAMS));
            optimizer.save(dir.resolve(checkpoint + OPTIMIZER));
            if (average != null) {
                average.save(dir.resolve(checkpoint + AVERAGE));
            }
            String previous = state.checkpoint();
            state = state.after(epoch, stopping, checkpoint, optimizer.steps());
            state.write(dir.resolve(RunState.FILE_NAME));
            if (!previous.equals(checkpoint)) {
                Files.deleteIfExists(dir.resolve(previous + PARAMS));
                Files.deleteIfExists(dir.resolve(previous + OPTIMIZER));
                Files.deleteIfExists(dir.resolve(previous + AVERAGE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
