// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

/** Hands the trainer's batch and epoch events to a {@link TrainingProgress}, with the running figures. */
final class ProgressReporter extends TrainingListenerAdapter {

    private final TrainingProgress progress;
    private final EpochFigures figures;
    private final EarlyStopping stopping;
    private final int batches;

    ProgressReporter(TrainingProgress progress, EpochFigures figures, EarlyStopping stopping, int batches) {
        this.progress = progress;
        this.figures = figures;
        this.stopping = stopping;
        this.batches = batches;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        progress.onBatch(
                figures.epoch(),
                figures.batchesDone(),
                batches,
                figures.runningLoss(),
                figures.runningAccuracy(),
                figures.imagesPerSecond());
    }

    @Override
    public void onEpoch(Trainer trainer) {
        progress.onEpochEnd(figures.last(), stopping.lastWasBest());
    }
}
