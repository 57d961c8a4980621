// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fer4j.core.internal.FileCaps;

/**
 * What a run's {@code checkpoints/state.json} holds: how far the run got, the early-stopping counters,
 * its history file, the name of its last checkpoint, the optimiser's step counts, its data and its settings.
 * Files written before optimiser state was checkpointed have no {@code checkpoint} (their weights are in
 * {@code last.params}) and no {@code optimizerSteps}; unknown fields are ignored.
 *
 * @param epochsDone the epochs finished and checkpointed
 * @param bestEpoch the best epoch so far, 0 before the first
 * @param bestValue the monitored metric of the best epoch
 * @param sinceBest the epochs since the best one
 * @param history the history CSV, relative to the run folder
 * @param started when the run started (ISO-8601 instant)
 * @param checkpoint the file name stem of the last epoch's weights and optimiser state in {@code checkpoints/}
 * @param optimizerSteps the optimiser's step count per parameter
 * @param data the dataset root, absolute
 * @param spec the run's settings
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RunState(
        @JsonProperty(required = true) int epochsDone,
        @JsonProperty(required = true) int bestEpoch,
        @JsonProperty(required = true) double bestValue,
        @JsonProperty(required = true) int sinceBest,
        String history,
        String started,
        String checkpoint,
        Map<String, Integer> optimizerSteps,
        @JsonProperty(required = true) String data,
        @JsonProperty(required = true) TrainingSpec spec) {

    /** File name of the state in a run's {@code checkpoints/} folder. */
    static final String FILE_NAME = "state.json";
    /** The checkpoint name of runs saved before optimiser state was checkpointed. */
    static final String LEGACY_CHECKPOINT = "last";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    RunState {
        // Both names are joined to the run folder: only the forms the trainer writes keep them inside it.
        checkpoint = checkpoint == null ? LEGACY_CHECKPOINT : checkpoint;
        if (!checkpoint.matches("epoch-\\d{4,}|" + LEGACY_CHECKPOINT)) {
            throw new IllegalArgumentException("checkpoint name '" + checkpoint + "' is not an epoch-NNNN file");
        }
        if (history == null || !history.matches("history/training_history_\\d{8}_\\d{6}\\.csv")) {
            throw new IllegalArgumentException(
                    "history path '" + history + "' is not a history/training_history_*.csv file of the run folder");
        }
        optimizerSteps =
                Collections.unmodifiableMap(new LinkedHashMap<>(optimizerSteps == null ? Map.of() : optimizerSteps));
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(spec, "spec");
    }

    /** The state of a run that has not finished an epoch yet. */
    static RunState start(TrainingSpec spec, Path data, String history, String started) {
        return new RunState(0, 0, Double.NaN, 0, history, started, LEGACY_CHECKPOINT, Map.of(), absolute(data), spec);
    }

    /** Returns this state for a run continued with {@code spec} on {@code data}. */
    RunState continuedWith(TrainingSpec spec, Path data) {
        return new RunState(
                epochsDone,
                bestEpoch,
                bestValue,
                sinceBest,
                history,
                started,
                checkpoint,
                optimizerSteps,
                absolute(data),
                spec);
    }

    /** Returns the state after {@code epoch} was checkpointed as {@code checkpoint}. */
    RunState after(int epoch, EarlyStopping stopping, String checkpoint, Map<String, Integer> optimizerSteps) {
        return new RunState(
                epoch,
                stopping.bestEpoch(),
                stopping.bestValue(),
                stopping.sinceBest(),
                history,
                started,
                checkpoint,
                optimizerSteps,
                data,
                spec);
    }

    /**
     * Reads a state file.
     *
     * @throws IllegalArgumentException if it is unreadable, incomplete or names files outside the run
     *     folder; the message names the file
     */
    static RunState read(Path file) {
        RunState state;
        try {
            // Capped: a huge file would exhaust memory before the parser could say what is wrong.
            state = JSON.readValue(FileCaps.readJson(file), RunState.class);
        } catch (IOException | RuntimeException e) {
            String reason = reason(e);
            // The path once: a read error of FileCaps starts with it already.
            reason = reason.startsWith(file + ": ")
                    ? reason.substring(file.toString().length() + 2)
                    : reason;
            throw new IllegalArgumentException(file + ": not a readable run state (" + reason + ")", e);
        }
        // Counts a trainer never writes: resuming from them would overwrite the history from a wrong epoch.
        if (state.epochsDone() < 0
                || state.bestEpoch() < 0
                || state.bestEpoch() > state.epochsDone()
                || state.sinceBest() < 0) {
            throw new IllegalArgumentException(file + ": not a readable run state (epochsDone " + state.epochsDone()
                    + ", bestEpoch " + state.bestEpoch() + ", sinceBest " + state.sinceBest()
                    + ": counts must be >= 0 and bestEpoch <= epochsDone)");
        }
        return state;
    }

    /** Writes the state atomically (to a temporary file, then renamed). */
    void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The innermost message that says what is wrong: a check of ours, or else Jackson's own text. */
    private static String reason(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if ((c instanceof IllegalArgumentException || c instanceof NullPointerException)
                    && c.getMessage() != null) {
                return c.getMessage();
            }
        }
        if (e instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String absolute(Path data) {
        return data.toAbsolutePath().normalize().toString();
    }
}
