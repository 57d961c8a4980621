package org.fer4j.training;

import org.fer4j.core.FaceFolder;
import org.fer4j.core.SkippedFile;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;
import org.fer4j.core.ModelInfo;
import org.fer4j.core.Preprocessing;
import org.fer4j.core.nn.Architectures;

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
 */
public final class FerTrainer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String STATE_FILE = "state.json";
    private static final int EVAL_BATCH = 256;
    private static final String PARAMS = ".params";
    private static final String OPTIMIZER = ".optimizer";
    private static final String LEGACY_CHECKPOINT = "last";

    private volatile boolean stopRequested;

    /** Creates a trainer. */
    public FerTrainer() {
    }

    /** Asks a running training to stop at the next batch, leaving the last finished epoch's checkpoint. */
    public void requestStop() {
        stopRequested = true;
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
        if (Files.exists(outputDir.resolve("checkpoints").resolve(STATE_FILE))) {
            throw new IllegalArgumentException("Output folder " + outputDir
                    + " already holds a training run: resume it, or choose another folder");
        }
        String started = Instant.now().toString();
        String history = "history/training_history_"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".csv";
        return run(spec, dataRoot, outputDir, new State(0, 0, Double.NaN, 0, history, started, LEGACY_CHECKPOINT,
                Map.of()), progress);
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
        Path stateFile = outputDir.resolve("checkpoints").resolve(STATE_FILE);
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException("No resumable run in " + outputDir + " (" + stateFile + " is missing)");
        }
        TrainingSpec spec;
        State state;
        Path savedData;
        try {
            Map<String, Object> saved = JSON.readValue(stateFile.toFile(), Map.class);
            spec = TrainingSpec.fromDescription((Map<String, Object>) saved.get("spec"));
            // Runs saved before optimiser state was checkpointed kept their weights in last.params.
            String checkpoint = (String) saved.getOrDefault("checkpoint", LEGACY_CHECKPOINT);
            String history = (String) saved.get("history");
            // Both names are joined to the run folder: only the forms the trainer writes keep them inside it.
            if (!checkpoint.matches("epoch-\\d{4,}|" + LEGACY_CHECKPOINT)) {
                throw new IllegalArgumentException("checkpoint name '" + checkpoint + "' is not an epoch-NNNN file");
            }
            if (history == null || !history.matches("history/training_history_\\d{8}_\\d{6}\\.csv")) {
                throw new IllegalArgumentException("history path '" + history
                        + "' is not a history/training_history_*.csv file of the run folder");
            }
            Map<String, Integer> steps = new LinkedHashMap<>();
            ((Map<String, Object>) saved.getOrDefault("optimizerSteps", Map.of()))
                    .forEach((k, v) -> steps.put(k, ((Number) v).intValue()));
            state = new State(((Number) saved.get("epochsDone")).intValue(),
                    ((Number) saved.get("bestEpoch")).intValue(), ((Number) saved.get("bestValue")).doubleValue(),
                    ((Number) saved.get("sinceBest")).intValue(), history, (String) saved.get("started"),
                    checkpoint, steps);
            savedData = Path.of((String) saved.get("data"));
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IllegalArgumentException(stateFile + ": not a readable run state (" + reason + ")", e);
        }
        if (epochs > 0) {
            if (epochs <= state.epochsDone) {
                throw new IllegalArgumentException("The run in " + outputDir + " has already done " + state.epochsDone
                        + " epochs; a new total must be larger");
            }
            spec = spec.toBuilder().optEpochs(epochs).build();
        }
        checkCheckpoint(outputDir, spec, state);
        return run(spec, data != null ? data : savedData, outputDir, state, progress);
    }

    /** Loads the checkpoint once into a throw-away network, so a damaged file fails before the data loads. */
    private static void checkCheckpoint(Path out, TrainingSpec spec, State state) throws IOException {
        Path labelsFile = out.resolve(EmotionLabels.FILE_NAME);
        Path params = out.resolve("checkpoints").resolve(state.checkpoint + PARAMS);
        Path optimizerFile = out.resolve("checkpoints").resolve(state.checkpoint + OPTIMIZER);
        EmotionLabels labels;
        try {
            labels = EmotionLabels.read(labelsFile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(labelsFile + ": unreadable (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(params)) {
            throw new IllegalArgumentException(params + ": the checkpoint named in state.json is missing");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(spec.architecture(), labels.size());
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32,
                    new Shape(1, 1, Preprocessing.SIZE, Preprocessing.SIZE));
            loadParameters(block, manager, params);
            if (Files.isRegularFile(optimizerFile)) {
                new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(), step -> 0, block)
                        .load(optimizerFile, state.optimizerSteps, manager);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private TrainingResult run(TrainingSpec spec, Path dataRoot, Path out, State state, TrainingProgress progress)
            throws IOException {
        stopRequested = false;
        TrainTestData data = TrainTestData.load(dataRoot, spec.preprocessing());
        EmotionLabels labels = data.train().labels();
        Path checkpoints = Files.createDirectories(out.resolve("checkpoints"));
        Files.createDirectories(out.resolve("history"));
        ClassDistribution distribution = ClassDistribution.of(data);
        distribution.writeCsv(out.resolve("class_distribution.csv"));
        distribution.writeChart(out.resolve("class_distribution.png"));
        List<SkippedFile> skipped = new ArrayList<>(data.train().skipped());
        skipped.addAll(data.test().skipped());
        writeSkipped(out.resolve("skipped_files.csv"), skipped);
        labels.write(out.resolve(EmotionLabels.FILE_NAME));
        progress.onDataLoaded(data);

        HistoryCsv historyCsv = new HistoryCsv(out.resolve(state.history));
        List<EpochRecord> history = new ArrayList<>(historyCsv.read(state.epochsDone));
        float[] classWeights = classWeights(data.train(), spec.classWeights());
        Engine.getInstance().setRandomSeed((int) spec.seed());

        EarlyStopping stopping = new EarlyStopping(spec.monitor(), spec.patience(), state.bestEpoch,
                state.bestValue, state.sinceBest);
        boolean stoppedEarly = false;
        boolean interrupted = false;
        try (Model model = Model.newInstance("fer", Device.cpu())) {
            Block block = Architectures.build(spec.architecture(), labels.size());
            model.setBlock(block);
            float[] rate = {spec.learningRateAt(state.epochsDone)};
            CheckpointedOptimizer optimizer = new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(),
                    step -> rate[0], block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(new CrossEntropy(labels.size(),
                    spec.labelSmoothing())).optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()});
            Shape inputShape = new Shape(spec.batchSize(), 1, Preprocessing.SIZE, Preprocessing.SIZE);
            if (state.epochsDone > 0) {
                // Load before the Trainer exists: it caches the parameter arrays when it initialises.
                block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, inputShape);
                loadParameters(block, model.getNDManager(), checkpoints.resolve(state.checkpoint + PARAMS));
                Path optimizerFile = checkpoints.resolve(state.checkpoint + OPTIMIZER);
                if (Files.isRegularFile(optimizerFile)) {
                    optimizer.load(optimizerFile, state.optimizerSteps, model.getNDManager());
                }
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                int batches = (data.train().size() + spec.batchSize() - 1) / spec.batchSize();
                for (int epoch = state.epochsDone + 1; epoch <= spec.epochs(); epoch++) {
                    long t0 = System.nanoTime();
                    // Dropout draws from the engine's generator: seeding it per epoch makes a resumed run
                    // draw what an uninterrupted one would.
                    Engine.getInstance().setRandomSeed((int) (spec.seed() * 1_000_033L + epoch));
                    progress.onEpochStart(epoch, spec.epochs(), batches);
                    double lossSum = 0;
                    Evaluation trained = null;
                    int seen = 0;
                    try (BatchStream stream = new BatchStream(data.train(), spec.batchSize(), spec.augmentation(),
                            classWeights, spec.seed(), epoch)) {
                        BatchStream.HostBatch hb;
                        int b = 0;
                        while ((hb = stream.next()) != null) {
                            if (stopRequested) {
                                interrupted = true;
                                break;
                            }
                            rate[0] = spec.learningRateAt(epoch - 1 + (double) b / batches);
                            float[] logits;
                            float loss;
                            try (NDManager bm = trainer.getManager().newSubManager()) {
                                NDArray x = bm.create(hb.pixels(), new Shape(hb.size(), 1, Preprocessing.SIZE,
                                        Preprocessing.SIZE));
                                NDList labelsList = new NDList(bm.create(hb.labels()));
                                if (spec.classWeights()) {
                                    labelsList.add(bm.create(hb.weights()));
                                }
                                try (GradientCollector gc = trainer.newGradientCollector()) {
                                    NDArray pred = trainer.forward(new NDList(x), labelsList).singletonOrThrow();
                                    NDArray lossArray = trainer.getLoss().evaluate(labelsList, new NDList(pred));
                                    gc.backward(lossArray);
                                    loss = lossArray.getFloat();
                                    logits = pred.toFloatArray();
                                }
                                trainer.step();
                            }
                            lossSum += loss * hb.size();
                            Evaluation batch = Evaluation.ofLogits(labels, toInts(hb.labels()), logits);
                            trained = trained == null ? batch : trained.plus(batch);
                            seen += hb.size();
                            b++;
                            double secs = (System.nanoTime() - t0) / 1e9;
                            progress.onBatch(epoch, b, batches, lossSum / seen, trained.accuracy(), seen / secs);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        interrupted = true;
                    }
                    if (interrupted) {
                        break;
                    }
                    Evaluation val = evaluate(block, trainer.getManager(), data.test());
                    EpochRecord record = new EpochRecord(epoch, lossSum / seen, trained.accuracy(), val.loss(),
                            val.accuracy(), rate[0], (System.nanoTime() - t0) / 1e9);
                    history.add(record);
                    historyCsv.append(record);
                    boolean best = stopping.record(epoch, record.metric(spec.monitor()));
                    if (best) {
                        saveParameters(block, checkpoints.resolve("best.params"));
                    }
                    String checkpoint = String.format(java.util.Locale.ROOT, "epoch-%04d", epoch);
                    saveParameters(block, checkpoints.resolve(checkpoint + PARAMS));
                    optimizer.save(checkpoints.resolve(checkpoint + OPTIMIZER));
                    String previous = state.checkpoint;
                    state = state.next(epoch, stopping, checkpoint, optimizer.steps());
                    writeState(checkpoints.resolve(STATE_FILE), spec, dataRoot, state);
                    if (!previous.equals(checkpoint)) {
                        Files.deleteIfExists(checkpoints.resolve(previous + PARAMS));
                        Files.deleteIfExists(checkpoints.resolve(previous + OPTIMIZER));
                    }
                    progress.onEpochEnd(record, best);
                    if (stopping.shouldStop()) {
                        stoppedEarly = true;
                        break;
                    }
                }
                if (state.bestEpoch == 0) {
                    return new TrainingResult(out, history, 0, Double.NaN, Double.NaN, false, interrupted, skipped);
                }
                Files.copy(checkpoints.resolve("best.params"), out.resolve(ModelInfo.PARAMETERS_FILE),
                        StandardCopyOption.REPLACE_EXISTING);
                Evaluation test;
                try (NDManager bestManager = model.getNDManager().newSubManager()) {
                    // A fresh block: the Trainer keeps its own references to the live parameter arrays.
                    Block best = Architectures.build(spec.architecture(), labels.size());
                    best.initialize(bestManager, ai.djl.ndarray.types.DataType.FLOAT32, inputShape);
                    loadParameters(best, bestManager, checkpoints.resolve("best.params"));
                    test = evaluate(best, bestManager, data.test());
                }
                TrainingResult result = new TrainingResult(out, history, state.bestEpoch, test.loss(), test.accuracy(),
                        stoppedEarly, interrupted, skipped);
                ModelInfo.of(spec.architecture(), labels, spec.preprocessing())
                        .withTraining(spec)
                        .withResults(results(result))
                        .withProvenance(provenance(data, skipped, state.started))
                        .write(out);
                Charts.trainingCurves(history, out.resolve("training_curves.png"));
                return result;
            }
        }
    }

    /** Returns the figures of a network on a folder, in evaluation mode. */
    private static Evaluation evaluate(Block block, NDManager manager, FaceFolder folder) {
        Evaluation all = null;
        for (int start = 0; start < folder.size(); start += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, folder.size() - start);
            float[] pixels = new float[n * Preprocessing.PIXELS];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(folder.image(start + i), 0, pixels, i * Preprocessing.PIXELS, Preprocessing.PIXELS);
                y[i] = folder.classOf(start + i);
            }
            float[] logits;
            try (NDManager bm = manager.newSubManager()) {
                NDArray x = bm.create(pixels, new Shape(n, 1, Preprocessing.SIZE, Preprocessing.SIZE));
                logits = block.forward(new ParameterStore(bm, false), new NDList(x), false).singletonOrThrow()
                        .toFloatArray();
            }
            Evaluation batch = Evaluation.ofLogits(folder.labels(), y, logits);
            all = all == null ? batch : all.plus(batch);
        }
        return all;
    }

    private static int[] toInts(long[] classes) {
        int[] out = new int[classes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) classes[i];
        }
        return out;
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

    private static ModelInfo.Results results(TrainingResult r) {
        return new ModelInfo.Results(r.bestEpoch(), r.history().size(),
                "test/ of the dataset root; it chose the best epoch, so its figures are validation figures",
                r.validationLoss(), r.validationAccuracy(), r.finalTrainAccuracy(), r.finalValAccuracy(),
                r.diagnosis(), r.stoppedEarly(), !r.interrupted());
    }

    private static ModelInfo.Provenance provenance(TrainTestData data, List<SkippedFile> skipped, String started) {
        return new ModelInfo.Provenance(data.root().toAbsolutePath().normalize().toString(), perClass(data.train()),
                perClass(data.test()), skipped.size(), Engine.getDjlVersion(),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                started, Instant.now().toString());
    }

    private static Map<String, Integer> perClass(FaceFolder f) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int[] counts = f.countsPerClass();
        for (int c = 0; c < counts.length; c++) {
            m.put(f.labels().name(c), counts[c]);
        }
        return m;
    }

    private static void writeSkipped(Path file, List<SkippedFile> skipped) throws IOException {
        StringBuilder sb = new StringBuilder("path,reason\n");
        for (SkippedFile s : skipped) {
            sb.append('"').append(s.path().toString().replace("\"", "\"\"")).append("\",\"")
                    .append(s.reason().replace("\"", "\"\"")).append("\"\n");
        }
        Files.writeString(file, sb);
    }

    private static void writeState(Path file, TrainingSpec spec, Path data, State s) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochsDone", s.epochsDone);
        m.put("bestEpoch", s.bestEpoch);
        m.put("bestValue", s.bestValue);
        m.put("sinceBest", s.sinceBest);
        m.put("history", s.history);
        m.put("started", s.started);
        m.put("checkpoint", s.checkpoint);
        m.put("optimizerSteps", s.optimizerSteps);
        m.put("data", data.toAbsolutePath().normalize().toString());
        m.put("spec", spec.describe());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), m);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Saves a block's parameters atomically (write to a temporary file, then rename). */
    static void saveParameters(Block block, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(os))) {
            block.saveParameters(dos);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void loadParameters(Block block, NDManager manager, Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file);
                DataInputStream dis = new DataInputStream(new BufferedInputStream(is))) {
            block.loadParameters(manager, dis);
        } catch (ai.djl.MalformedModelException | IOException | RuntimeException e) {
            throw new IOException(file + ": not parameters of this network (" + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()) + ")", e);
        }
    }

    /** Bookkeeping saved with every checkpoint. */
    private static final class State {
        final int epochsDone;
        final int bestEpoch;
        final double bestValue;
        final int sinceBest;
        final String history;
        final String started;
        /** File name stem of the last epoch's weights and optimiser state in {@code checkpoints/}. */
        final String checkpoint;
        final Map<String, Integer> optimizerSteps;

        State(int epochsDone, int bestEpoch, double bestValue, int sinceBest, String history, String started,
                String checkpoint, Map<String, Integer> optimizerSteps) {
            this.epochsDone = epochsDone;
            this.bestEpoch = bestEpoch;
            this.bestValue = bestValue;
            this.sinceBest = sinceBest;
            this.history = history;
            this.started = started;
            this.checkpoint = checkpoint;
            this.optimizerSteps = optimizerSteps;
        }

        State next(int epochsDone, EarlyStopping s, String checkpoint, Map<String, Integer> optimizerSteps) {
            return new State(epochsDone, s.bestEpoch(), s.bestValue(), s.sinceBest(), history, started, checkpoint,
                    optimizerSteps);
        }
    }
}
