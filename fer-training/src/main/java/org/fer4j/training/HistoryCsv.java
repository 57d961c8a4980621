package org.fer4j.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch history file ({@code epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds}),
 * appended and flushed as each epoch ends so a crash loses nothing.
 */
final class HistoryCsv {

    private final Path file;

    HistoryCsv(Path file) {
        this.file = file;
    }

    /**
     * Reads the first {@code epochs} rows; rows beyond them (an epoch that finished writing history
     * but not its checkpoint) are dropped so a resumed run does not record an epoch twice.
     */
    List<EpochRecord> read(int epochs) throws IOException {
        List<EpochRecord> rows = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank() && rows.size() < epochs) {
                    rows.add(EpochRecord.parse(line));
                }
            }
        }
        StringBuilder sb = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        rows.forEach(r -> sb.append(r.toCsv()).append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return rows;
    }

    void append(EpochRecord record) throws IOException {
        Files.writeString(file, record.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }
}
