// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The per-epoch history file ({@code epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds}),
 * appended and flushed as each epoch ends so a crash loses nothing, and the same rows in memory.
 */
final class HistoryCsv extends TrainingListenerAdapter {

    private final Path file;
    private final Supplier<EpochRecord> epochs;
    private final List<EpochRecord> records;

    private HistoryCsv(Path file, Supplier<EpochRecord> epochs, List<EpochRecord> records) {
        this.file = file;
        this.epochs = epochs;
        this.records = records;
    }

    /**
     * Opens the history of a run that has finished {@code epochsDone} epochs, keeping their rows; rows
     * beyond them (an epoch that finished writing history but not its checkpoint) are dropped so a
     * resumed run does not record an epoch twice. Each finished epoch's record comes from {@code epochs}.
     */
    static HistoryCsv open(Path file, int epochsDone, Supplier<EpochRecord> epochs) throws IOException {
        List<EpochRecord> rows = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank() && rows.size() < epochsDone) {
                    rows.add(EpochRecord.parse(line));
                }
            }
        }
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        rows.forEach(r -> sb.append(r.toCsv()).append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return new HistoryCsv(file, epochs, rows);
    }

    /** Returns every finished epoch, resumed ones included. */
    List<EpochRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        EpochRecord record = epochs.get();
        records.add(record);
        try {
            Files.writeString(
                    file,
                    record.toCsv() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
