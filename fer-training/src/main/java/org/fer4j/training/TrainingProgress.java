package org.fer4j.training;

/**
 * Receives progress events from {@link FerTrainer}, on the training thread; every method does
 * nothing by default. The {@code fer} app implements it with a progress bar.
 */
public interface TrainingProgress {

    /** A progress receiver that ignores everything. */
    TrainingProgress NONE = new TrainingProgress() { };

    /** Called once the data is decoded, before the first epoch. */
    default void onDataLoaded(TrainTestData data) {
    }

    /** Called when an epoch starts. */
    default void onEpochStart(int epoch, int epochs, int batches) {
    }

    /** Called after each training batch with the epoch's running figures. */
    default void onBatch(int epoch, int batch, int batches, double runningLoss, double runningAccuracy,
            double imagesPerSecond) {
    }

    /** Called when an epoch's validation and checkpoint are done; {@code best} marks a new best epoch. */
    default void onEpochEnd(EpochRecord record, boolean best) {
    }
}
