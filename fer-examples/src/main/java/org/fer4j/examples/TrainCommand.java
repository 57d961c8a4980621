// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.SkippedFile;
import org.fer4j.core.internal.Architectures;
import org.fer4j.training.Augmentation;
import org.fer4j.training.Distillation;
import org.fer4j.training.EpochRecord;
import org.fer4j.training.FerTrainer;
import org.fer4j.training.TrainValidationData;
import org.fer4j.training.TrainingProgress;
import org.fer4j.training.TrainingResult;
import org.fer4j.training.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fer train}: trains a model on a dataset root with {@code train/} and {@code test/}. The options'
 * defaults are the library's: each field starts at {@link TrainingSpec#builder()}'s value (picocli shows a
 * field's initial value as its default), so the two cannot disagree.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a model on DIR/train, validating on DIR/test each epoch.")
final class TrainCommand implements Callable<Integer> {

    /** The library's defaults, which every option below starts from. */
    private static final TrainingSpec DEFAULTS = TrainingSpec.builder().build();

    @Spec
    CommandSpec commandSpec;

    @Option(
            names = "--data",
            description = "Dataset root holding train/ and test/ (default: $FER_DATA; with --resume,"
                    + " the run's saved path).")
    Path data;

    @Option(names = "--output", required = true, description = "Folder for the model, checkpoints and reports.")
    Path output;

    @Option(
            names = "--resume",
            description = "Continue the interrupted run in --output with its saved settings"
                    + " (and a new total if --epochs is given).")
    boolean resume;

    @Option(
            names = "--epochs",
            description = "Maximum epochs (default: ${DEFAULT-VALUE}; with --resume, the run's" + " saved total).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize();

    @Option(
            names = "--arch",
            completionCandidates = ArchitectureNames.class,
            description = "Architecture: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String arch = DEFAULTS.architecture();

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(
            names = "--patience",
            description = "Early-stopping patience in epochs, 0 = off (default: ${DEFAULT-VALUE}).")
    int patience = DEFAULTS.patience();

    @Option(
            names = "--monitor",
            description =
                    "Metric for early stopping and the best epoch: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TrainingSpec.Monitor monitor = DEFAULTS.monitor();

    /** The registered architectures, for the help text: fer-core's registry is the one list. */
    static final class ArchitectureNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Architectures.names().iterator();
        }
    }

    /** How much to augment training images. */
    enum AugmentLevel {
        /** Horizontal flip and 10% shift. */
        LIGHT,
        /** Flip, shift, rotation, scale, brightness/contrast jitter and erasing. */
        STANDARD,
        /** STANDARD and, each on half of the images, gamma, blur, noise and JPEG compression. */
        ROBUST
    }

    @Option(
            names = "--augment",
            arity = "0..1",
            fallbackValue = "STANDARD",
            description =
                    "Augment training images: LIGHT (flip, shift), STANDARD (also rotation, scale, jitter, erasing)"
                            + " or ROBUST (also gamma, blur, noise and JPEG compression); the bare option means"
                            + " STANDARD.")
    AugmentLevel augment;

    @Option(names = "--class-weights", description = "Weight the loss by inverse class frequency.")
    boolean classWeights = DEFAULTS.classWeights();

    @Option(names = "--optimizer", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TrainingSpec.Optimizer optimizer = DEFAULTS.optimizer();

    @Option(names = "--lr", description = "Base learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate = DEFAULTS.learningRate();

    @Option(names = "--weight-decay", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay = DEFAULTS.weightDecay();

    @Option(names = "--schedule", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TrainingSpec.Schedule schedule = DEFAULTS.schedule();

    @Option(names = "--warmup", description = "Warm-up epochs (default: ${DEFAULT-VALUE}).")
    int warmup = DEFAULTS.warmupEpochs();

    @Option(names = "--label-smoothing", description = "Label smoothing (default: ${DEFAULT-VALUE}).")
    float labelSmoothing = DEFAULTS.labelSmoothing();

    @Option(
            names = "--equalize",
            negatable = true,
            fallbackValue = "true",
            description = "Rank-equalise every image's histogram (default: off; it did not help in the A/B of"
                    + " docs/model-card.md).")
    boolean equalize = DEFAULTS.preprocessing().equalizes();

    @Option(
            names = "--teacher",
            split = ",",
            paramLabel = "MODEL_DIR",
            description = "Distil from these models (comma-separated folders): their probabilities on each training"
                    + " image, with the test-time augmentation their model.json names, averaged, become soft targets."
                    + " Computed once into OUTPUT/distillation/.")
    List<Path> teachers;

    @Option(
            names = "--distill-temperature",
            description = "Temperature that softens the"
                    + " teachers' probabilities and the student's (default: ${DEFAULT-VALUE}).")
    float distillTemperature = Distillation.DEFAULT_TEMPERATURE;

    @Option(
            names = "--distill-weight",
            description = "Weight of the soft targets against" + " the labels, in (0, 1] (default: ${DEFAULT-VALUE}).")
    float distillWeight = Distillation.DEFAULT_WEIGHT;

    @Option(
            names = "--weight-average",
            paramLabel = "DECAY",
            description = "Validate, keep and ship an exponential moving average of the weights with this decay per"
                    + " step, in (0, 1); 0.999 averages about the last thousand steps (default: none).")
    float weightAverage = DEFAULTS.averageDecay();

    @Option(
            names = "--mixup",
            paramLabel = "ALPHA",
            description = "Blend each batch's images in pairs, and their targets, with shares from Beta(ALPHA, ALPHA);"
                    + " 0.2-0.4 are usual (default: none).")
    float mixup = DEFAULTS.mixupAlpha();

    @Option(
            names = "--cutmix",
            paramLabel = "ALPHA",
            description = "Paste a rectangle of a partner image into each batch's images, targets mixed by area,"
                    + " from Beta(ALPHA, ALPHA); 1 is usual; with --mixup, each batch gets one (default: none).")
    float cutmix = DEFAULTS.cutmixAlpha();

    @Override
    public Integer call() throws Exception {
        // Usage errors before any work: the trainer would only refuse them after loading the data.
        if (epochs < 1) {
            System.err.println("fer train: --epochs must be 1 or more, got " + epochs);
            return 2;
        }
        String env = System.getenv("FER_DATA");
        Path dataRoot = data != null ? data : env != null && !env.isBlank() ? Path.of(env) : null;
        // Charts written into a class folder would be read as faces by the next run.
        java.util.Optional<String> clash = dataRoot == null
                ? java.util.Optional.empty()
                : new PathClashes()
                        .input("--data", dataRoot, true)
                        .output("--output", output, true)
                        .find();
        if (clash.isPresent()) {
            System.err.println("fer train: " + clash.get());
            return 2;
        }
        FerTrainer trainer = new FerTrainer();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            System.err.println("\nfer: stopping after the current batch; the last finished epoch stays resumable");
            trainer.requestStop();
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Progress progress = new Progress();
        try {
            TrainingResult result;
            if (resume) {
                rejectSettingsWithResume();
                boolean newTotal = commandSpec.commandLine().getParseResult().hasMatchedOption("--epochs");
                result = trainer.resume(output, data, newTotal ? epochs : 0, progress);
            } else {
                result = trainer.train(spec(), DataPaths.root(data), output, progress);
            }
            progress.close();
            print(result);
            return result.interrupted() ? 130 : 0;
        } finally {
            progress.close();
            finished.countDown();
        }
    }

    /** Returns the settings the options describe. */
    TrainingSpec spec() throws java.io.IOException {
        return TrainingSpec.builder()
                .optArchitecture(arch)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optSeed(seed)
                .optPatience(patience)
                .optMonitor(monitor)
                .optOptimizer(optimizer)
                .optLearningRate(learningRate)
                .optWeightDecay(weightDecay)
                .optSchedule(schedule)
                .optWarmupEpochs(warmup)
                .optLabelSmoothing(labelSmoothing)
                .optClassWeights(classWeights)
                .optAugmentation(augmentation(augment))
                .optPreprocessing(equalize ? Preprocessing.equalized() : Preprocessing.standard())
                .optDistillation(distillation())
                .optAverageDecay(weightAverage)
                .optMixup(mixup)
                .optCutmix(cutmix)
                .build();
    }

    /** A resumed run keeps its saved settings; only the data path and the epoch total may change. */
    private void rejectSettingsWithResume() {
        List<String> given = new ArrayList<>();
        for (OptionSpec o : commandSpec.options()) {
            if (commandSpec.commandLine().getParseResult().hasMatchedOption(o)
                    && !List.of("--output", "--resume", "--epochs", "--data").contains(o.longestName())) {
                given.add(o.longestName());
            }
        }
        if (!given.isEmpty()) {
            throw new ParameterException(
                    commandSpec.commandLine(),
                    "--resume continues a run with its saved settings;"
                            + " only --data and --epochs may be given with it, not " + String.join(", ", given));
        }
    }

    private Distillation distillation() throws java.io.IOException {
        if (teachers == null || teachers.isEmpty()) {
            return Distillation.NONE;
        }
        try {
            return Distillation.from(teachers, distillTemperature, distillWeight);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandSpec.commandLine(), e.getMessage());
        }
    }

    private static Augmentation augmentation(AugmentLevel level) {
        if (level == null) {
            return Augmentation.NONE;
        }
        return switch (level) {
            case LIGHT -> Augmentation.light();
            case STANDARD -> Augmentation.standard();
            case ROBUST -> Augmentation.robust();
        };
    }

    private static void print(TrainingResult r) {
        if (r.interrupted()) {
            System.out.println("Interrupted after " + r.history().size() + " epochs; continue with --resume.");
        }
        if (r.bestEpoch() == 0) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "Best epoch %d%s. Validation (test/ split, which chose the epoch): loss %.4f, accuracy %.4f%n",
                r.bestEpoch(),
                r.stoppedEarly() ? " (stopped early)" : "",
                r.validationLoss(),
                r.validationAccuracy());
        System.out.println(r.diagnosis());
        System.out.println("Model and reports written to " + r.outputDir());
    }

    /**
     * Prints the data summary, the progress of each epoch ({@link ConsoleProgress}: a bar on a terminal,
     * a line every tenth of an epoch in a log) and one summary line per epoch.
     */
    private static final class Progress implements TrainingProgress, AutoCloseable {
        private final ConsoleProgress console = new ConsoleProgress();
        private String epochName = "";

        @Override
        public void onDataLoaded(TrainValidationData data) {
            System.out.printf(
                    "Training images: %d, test images: %d, classes: %s%n",
                    data.trainImages(), data.validationImages(), data.labels().names());
            System.out.print(data.distributionTable());
            List<SkippedFile> skipped = data.skipped();
            if (!skipped.isEmpty()) {
                System.out.println("Skipped " + skipped.size() + " files (also in skipped_files.csv):");
                for (SkippedFile s : skipped) {
                    System.out.println("  " + s.path() + ": " + s.reason());
                }
            }
        }

        @Override
        public void onTeacherProgress(int teacher, int teachers, int done, int total) {
            console.update("teacher " + teacher + "/" + teachers + " on the training images", done, total, "");
        }

        @Override
        public void onEpochStart(int epoch, int epochs, int batches) {
            epochName = "epoch " + epoch + "/" + epochs;
            console.update(epochName, 0, batches, "");
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
            console.update(
                    epochName,
                    batch,
                    batches,
                    String.format(Locale.ROOT, "loss %.4f acc %.4f %.0f img/s", loss, accuracy, imagesPerSecond));
        }

        @Override
        public void onEpochEnd(EpochRecord r, boolean best) {
            close();
            System.out.printf(
                    Locale.ROOT,
                    "epoch %3d  loss %.4f  acc %.4f  val_loss %.4f  val_acc %.4f  lr %.6f  %.0fs%s%n",
                    r.epoch(),
                    r.loss(),
                    r.accuracy(),
                    r.valLoss(),
                    r.valAccuracy(),
                    r.learningRate(),
                    r.seconds(),
                    best ? "  *best" : "");
        }

        @Override
        public void close() {
            console.close();
        }
    }
}
