// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.metric.Metrics;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.Architectures;
import org.fer4j.core.internal.Calibration;
import org.fer4j.core.internal.FaceFolder;
import org.fer4j.core.internal.ParameterFiles;

/**
 * Trains a network on a dataset root ({@code train/} and {@code test/} class folders) with DJL's
 * {@link Trainer}, checkpointing every epoch (weights, optimiser state, early-stopping state) so an
 * interrupted run resumes from its last finished epoch as if it had not stopped.
 *
 * <pre>{@code
 * TrainingSpec spec = TrainingSpec.builder().optEpochs(30).optPatience(5).build();
 * TrainingResult r = new FerTrainer().train(spec, Path.of("fer2013"), Path.of("runs/seed"), TrainingProgress.NONE);
 * }</pre>
 *
 * <p>Writes into the output folder: {@code model.params}, {@code model.json}, {@code emotion_labels.json},
 * {@code history/training_history_*.csv}, {@code class_distribution.csv/.png}, {@code training_curves.png},
 * {@code skipped_files.csv} and {@code checkpoints/}. One trainer runs one training at a time;
 * {@link #requestStop()} may be called from any thread.
 *
 * <p>Each epoch trains its batches with DJL's {@link EasyTrain#trainBatch}; what happens at the end of an
 * epoch is done by DJL {@code TrainingListener}s that one composite, {@link EpochListeners}, calls in
 * this order: the epoch's figures and validation ({@link EpochFigures}), the history CSV
 * ({@link HistoryCsv}), early stopping ({@link EarlyStopping}), the checkpoint ({@link Checkpoints}) and
 * the progress events ({@link ProgressReporter}).
 */
public final class FerTrainer {

    private final Metrics metrics;
    private volatile boolean stopRequested;

    /** Creates a trainer. */
    public FerTrainer() {
        this(null);
    }

    /**
     * Creates a trainer that records where each batch's time goes, in nanoseconds, into DJL {@code metrics}:
     * DJL's own {@code forward}, {@code backward} (loss and backward pass), {@code training-metrics} and
     * {@code step} (the optimiser), and fer4j's {@code batch-wait} (waiting for the batch thread),
     * {@code batch-build} (shuffling and augmenting a batch, on the batch thread), {@code to-arrays},
     * {@code train-batch} (all of DJL's {@link EasyTrain#trainBatch}, listeners included),
     * {@code weight-average} and, once per epoch, {@code epoch-end} (validation, history and checkpoint).
     *
     * @param metrics receives the timings, or null to record none
     */
    public FerTrainer(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Asks a running training to stop at the next batch, leaving the last finished epoch's checkpoint. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Returns the DJL training configuration of {@code fer train} for the parameters of {@code block}: its
     * loss (cross-entropy, with the spec's distillation) and optimiser (the spec's kind and weight decay at its
     * base learning rate, without warm-up or schedule), on the CPU. For code that runs its own loop over a
     * fer4j network, such as a throughput benchmark; the trainer builds its own the same way. The loss reads a
     * batch's labels as {@code fer train}'s batches carry them: class indices (N), target distributions
     * (N, classes; each label one-hot, or smoothed and mixed as the spec says) and per-sample weights (N).
     *
     * <pre>{@code
     * Block block = Architectures.build("seed", 7);
     * model.setBlock(block);
     * Trainer trainer = model.newTrainer(FerTrainer.trainingConfig(TrainingSpec.builder().build(), block));
     * }</pre>
     *
     * @param spec the settings whose loss and optimiser to use
     * @param block the network the optimiser will update, before the trainer is initialised
     * @return a new configuration, one per trainer (the optimiser keeps per-parameter state)
     */
    public static DefaultTrainingConfig trainingConfig(TrainingSpec spec, Block block) {
        float rate = spec.learningRate();
        return trainingConfig(
                spec, new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(), step -> rate, block));
    }

    /** The one home of the loss, optimiser and device of a training run, with the optimiser given. */
    private static DefaultTrainingConfig trainingConfig(TrainingSpec spec, CheckpointedOptimizer optimizer) {
        return new DefaultTrainingConfig(new CrossEntropy(spec.distillation()))
                .optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()});
    }

    /**
     * Trains a new model.
     *
     * @param spec the training settings
     * @param dataRoot the folder holding {@code train/} and {@code test/}
     * @param outputDir the folder for the model, checkpoints, history and reports
     * @param progress receives progress events
     * @return the outcome of the run
     * @throws IllegalArgumentException if the data is unusable or {@code outputDir} already holds a run
     * @throws IOException if reading data or writing outputs fails
     */
    public TrainingResult train(TrainingSpec spec, Path dataRoot, Path outputDir, TrainingProgress progress)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        if (Files.exists(Checkpoints.stateFile(outputDir))) {
            throw new IllegalArgumentException("Output folder " + outputDir
                    + " already holds a training run: resume it, or choose another folder");
        }
        String started = Instant.now().toString();
        String history = "history/training_history_"
                + LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + ".csv";
        return run(dataRoot, outputDir, RunState.start(spec, dataRoot, history, started), progress);
    }

    /**
     * Resumes an interrupted run in {@code outputDir} with its saved settings and data path.
     *
     * @param outputDir the folder of the interrupted run
     * @param progress receives progress events
     * @return the outcome of the run
     * @throws IllegalArgumentException if the folder holds no resumable run
     * @throws IOException if reading data or checkpoints or writing outputs fails
     */
    public TrainingResult resume(Path outputDir, TrainingProgress progress) throws IOException {
        return resume(outputDir, null, 0, progress);
    }

    /**
     * Resumes an interrupted run, optionally from a moved dataset and with a new total number of epochs
     * (the learning-rate schedule follows the new total from there on). The run's state and checkpoint
     * are checked before the dataset is loaded.
     *
     * @param outputDir the folder of the interrupted run
     * @param data the dataset root to read now, or null for the one the run was started with
     * @param epochs the new total number of epochs, or 0 to keep the saved one
     * @param progress receives progress events
     * @return the outcome of the run
     * @throws IllegalArgumentException if the folder holds no resumable run, its state or checkpoint is
     *     unreadable (the message names the file), or {@code epochs} is not more than the epochs done
     * @throws IOException if reading data or writing outputs fails
     */
    public TrainingResult resume(Path outputDir, Path data, int epochs, TrainingProgress progress) throws IOException {
        Path stateFile = Checkpoints.stateFile(outputDir);
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException("No resumable run in " + outputDir + " (" + stateFile + " is missing)");
        }
        RunState state = RunState.read(stateFile);
        TrainingSpec spec = state.spec();
        if (epochs > 0) {
            if (epochs <= state.epochsDone()) {
                throw new IllegalArgumentException("The run in " + outputDir + " has already done " + state.epochsDone()
                        + " epochs; a new total must be larger");
            }
            spec = spec.toBuilder().optEpochs(epochs).build();
        }
        Path dataRoot = data != null ? data : Path.of(state.data());
        state = state.continuedWith(spec, dataRoot);
        Checkpoints.check(outputDir, state);
        return run(dataRoot, outputDir, state, progress);
    }

    private TrainingResult run(Path dataRoot, Path out, RunState state, TrainingProgress progress) throws IOException {
        stopRequested = false;
        TrainingSpec spec = state.spec();
        TrainValidationData data = TrainValidationData.load(dataRoot, spec.preprocessing());
        EmotionLabels labels = data.train().labels();
        Path checkpointDir = Files.createDirectories(out.resolve("checkpoints"));
        Files.createDirectories(out.resolve("history"));
        List<SkippedFile> skipped = RunOutputs.writeDataReports(out, data);
        progress.onDataLoaded(data);

        LearningRate rate = new LearningRate(spec, state.epochsDone());
        float[] classWeights = classWeights(data.train(), spec.classWeights());
        Distillation distillation = spec.distillation();
        float[] soft = distillation.distils()
                ? Calibration.atTemperature(
                        TeacherTargets.load(out, distillation, data.train(), progress),
                        labels.size(),
                        distillation.temperature())
                : null;
        Engine.getInstance().setRandomSeed((int) spec.seed());
        int batches = (data.train().size() + spec.batchSize() - 1) / spec.batchSize();
        Shape inputShape = Preprocessing.inputShape(spec.batchSize());
        try (Model model = Model.newInstance("fer", Device.cpu())) {
            Block block = Architectures.build(spec.architecture(), labels.size());
            model.setBlock(block);
            // Initialised before the Trainer exists: it caches the parameter arrays when it initialises, so a
            // checkpoint must be loaded first, and the weight average starts from these weights.
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            CheckpointedOptimizer optimizer =
                    new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(), rate, block);
            WeightAverage average = spec.averageDecay() > 0
                    ? new WeightAverage(
                            spec.architecture(), labels.size(), block, spec.averageDecay(), model.getNDManager())
                    : null;
            if (state.epochsDone() > 0) {
                Checkpoints.restore(checkpointDir, state, block, optimizer, average, model.getNDManager());
            }
            EpochFigures figures = new EpochFigures(data.validation(), rate, average != null ? average.block() : block);
            HistoryCsv history = HistoryCsv.open(out.resolve(state.history()), state.epochsDone(), figures::last);
            EarlyStopping stopping = new EarlyStopping(
                    figures::last,
                    spec.monitor(),
                    spec.patience(),
                    state.bestEpoch(),
                    state.bestValue(),
                    state.sinceBest());
            Checkpoints checkpoints = new Checkpoints(checkpointDir, state, optimizer, stopping, average);
            DefaultTrainingConfig config = trainingConfig(spec, optimizer)
                    .addTrainingListeners(
                            new EpochListeners(figures, history, stopping, checkpoints, progress, batches));
            boolean stoppedEarly = false;
            boolean interrupted = false;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.setMetrics(metrics);
                trainer.initialize(inputShape);
                for (int epoch = state.epochsDone() + 1; epoch <= spec.epochs() && !stoppedEarly; epoch++) {
                    figures.start(epoch);
                    // Dropout draws from the engine's generator: seeding it per epoch makes a resumed run
                    // draw what an uninterrupted one would.
                    Engine.getInstance().setRandomSeed((int) (spec.seed() * 1_000_033L + epoch));
                    progress.onEpochStart(epoch, spec.epochs(), batches);
                    if (!trainEpoch(trainer, data.train(), spec, classWeights, soft, epoch, rate, batches, average)) {
                        interrupted = true;
                        break;
                    }
                    long begin = System.nanoTime();
                    try {
                        trainer.notifyListeners(listener -> listener.onEpoch(trainer));
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                    trainer.addMetric("epoch-end", begin);
                    stoppedEarly = stopping.shouldStop();
                }
            }
            if (stopping.bestEpoch() == 0) {
                return new TrainingResult(
                        out, history.records(), 0, Double.NaN, Double.NaN, false, interrupted, skipped);
            }
            Files.copy(
                    checkpointDir.resolve(Checkpoints.BEST),
                    out.resolve(ModelInfo.PARAMETERS_FILE),
                    StandardCopyOption.REPLACE_EXISTING);
            Evaluation best = evaluateBest(
                    model, spec, labels, inputShape, checkpointDir.resolve(Checkpoints.BEST), data.validation());
            TrainingResult result = new TrainingResult(
                    out,
                    history.records(),
                    stopping.bestEpoch(),
                    best.loss(),
                    best.accuracy(),
                    stoppedEarly,
                    interrupted,
                    skipped);
            RunOutputs.writeModel(result, spec, data, state.started());
            return result;
        }
    }

    /** Evaluates the best epoch's weights in a fresh block: the trained one's arrays are the last epoch's. */
    private static Evaluation evaluateBest(
            Model model,
            TrainingSpec spec,
            EmotionLabels labels,
            Shape inputShape,
            Path bestParams,
            FaceFolder validation)
            throws IOException {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            Block block = Architectures.build(spec.architecture(), labels.size());
            block.initialize(manager, DataType.FLOAT32, inputShape);
            ParameterFiles.read(block, manager, bestParams);
            return EpochFigures.evaluate(block, manager, validation);
        }
    }

    /**
     * Trains one epoch's batches, moving the learning rate along the schedule before each; returns false
     * when a stop request or an interrupt ended the epoch early, so it must not be validated or checkpointed.
     */
    private boolean trainEpoch(
            Trainer trainer,
            FaceFolder train,
            TrainingSpec spec,
            float[] classWeights,
            float[] soft,
            int epoch,
            LearningRate rate,
            int batches,
            WeightAverage average) {
        // Timings go through the trainer, which drops them unless metrics were given.
        try (BatchStream stream = new BatchStream(train, spec, classWeights, soft, epoch, metrics)) {
            long begin = System.nanoTime();
            BatchStream.HostBatch hb;
            for (int b = 0; (hb = stream.next()) != null; b++) {
                trainer.addMetric("batch-wait", begin);
                if (stopRequested) {
                    return false;
                }
                rate.moveTo(epoch - 1 + (double) b / batches);
                begin = System.nanoTime();
                try (Batch batch = toBatch(hb, trainer.getManager().newSubManager(), b, batches, classWeights.length)) {
                    trainer.addMetric("to-arrays", begin);
                    begin = System.nanoTime();
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.addMetric("train-batch", begin);
                    trainer.step();
                }
                if (average != null) {
                    begin = System.nanoTime();
                    average.update((epoch - 1L) * batches + b + 1);
                    trainer.addMetric("weight-average", begin);
                }
                begin = System.nanoTime();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Wraps a host batch in DJL's form (labels, target distributions, weights, then the soft targets when
     * distilled: the order {@link CrossEntropy} reads); closing the batch closes {@code manager} and every
     * array in it.
     */
    private static Batch toBatch(BatchStream.HostBatch hb, NDManager manager, int index, int total, int classes) {
        Shape rows = new Shape(hb.size(), classes);
        NDList labels = new NDList(
                manager.create(hb.labels()), manager.create(hb.targets(), rows), manager.create(hb.weights()));
        if (hb.soft() != null) {
            labels.add(manager.create(hb.soft(), rows));
        }
        NDList pixels = new NDList(Preprocessing.toInputArray(manager, hb.pixels(), hb.size()));
        return new Batch(manager, pixels, labels, hb.size(), Batchifier.STACK, Batchifier.STACK, index, total);
    }

    /** Inverse-frequency weights {@code n / (k * n_c)} when enabled, else all ones. */
    static float[] classWeights(FaceFolder train, boolean enabled) {
        int[] counts = train.countsPerClass();
        float[] w = new float[counts.length];
        for (int c = 0; c < counts.length; c++) {
            w[c] = enabled ? (float) train.size() / (counts.length * counts[c]) : 1f;
        }
        return w;
    }
}
