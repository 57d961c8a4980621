// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

/**
 * Receives progress events from {@link FerTrainer}, on the training thread; every method does
 * nothing by default. The {@code fer} app implements it with a progress bar.
 */
public interface TrainingProgress {

    /** A progress receiver that ignores everything. */
    TrainingProgress NONE = new TrainingProgress() {};

    /**
     * Called once the data is decoded, before the first epoch.
     *
     * @param data the loaded training and validation splits
     */
    default void onDataLoaded(TrainValidationData data) {}

    /**
     * Called when an epoch starts.
     *
     * @param epoch the epoch number, from 1
     * @param epochs the total number of epochs
     * @param batches the number of training batches in the epoch
     */
    default void onEpochStart(int epoch, int epochs, int batches) {}

    /**
     * Called after each training batch with the epoch's running figures.
     *
     * @param epoch the epoch number, from 1
     * @param batch the batches done so far in this epoch, from 1
     * @param batches the number of training batches in the epoch
     * @param runningLoss the mean training loss so far in this epoch
     * @param runningAccuracy the training accuracy so far in this epoch
     * @param imagesPerSecond the training speed so far in this epoch
     */
    default void onBatch(
            int epoch, int batch, int batches, double runningLoss, double runningAccuracy, double imagesPerSecond) {}

    /**
     * Called when an epoch's validation and checkpoint are done; {@code best} marks a new best epoch.
     *
     * @param record the finished epoch's figures
     * @param best whether this epoch is the best so far
     */
    default void onEpochEnd(EpochRecord record, boolean best) {}

    /**
     * Called as teachers classify the training images before a distilled run's first epoch.
     *
     * @param teacher the teacher at work, from 1
     * @param teachers the number of teachers
     * @param done the images this teacher has classified
     * @param total the training images
     */
    default void onTeacherProgress(int teacher, int teachers, int done, int total) {}
}
