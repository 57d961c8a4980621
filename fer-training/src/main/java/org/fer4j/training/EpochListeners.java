// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.List;

/**
 * The one DJL listener a training run registers: it hands every event to the parts of the run in the one
 * order that works, each reading what the one before it made. The epoch's figures and validation come
 * first ({@link EpochFigures} makes the epoch's record), then the history row ({@link HistoryCsv}), early
 * stopping ({@link EarlyStopping}, which decides whether the epoch is the best), the checkpoint
 * ({@link Checkpoints}, which saves the best weights on early stopping's word) and last the progress events.
 * The constructor fixes that order, so it no longer rests on the order of a registration list.
 */
final class EpochListeners extends TrainingListenerAdapter {

    private final List<TrainingListener> inOrder;

    EpochListeners(
            EpochFigures figures,
            HistoryCsv history,
            EarlyStopping stopping,
            Checkpoints checkpoints,
            TrainingProgress progress,
            int batches) {
        this.inOrder = List.of(
                figures, history, stopping, checkpoints, new ProgressReporter(progress, figures, stopping, batches));
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        inOrder.forEach(l -> l.onTrainingBegin(trainer));
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        inOrder.forEach(l -> l.onTrainingBatch(trainer, batchData));
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        inOrder.forEach(l -> l.onValidationBatch(trainer, batchData));
    }

    @Override
    public void onEpoch(Trainer trainer) {
        inOrder.forEach(l -> l.onEpoch(trainer));
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        inOrder.forEach(l -> l.onTrainingEnd(trainer));
    }
}
