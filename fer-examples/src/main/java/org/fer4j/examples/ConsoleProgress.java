// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fer4j.core.Progress;
import org.fer4j.core.internal.Terminal;

/**
 * Shows how far long work has come, on standard error: a progress bar updated in place on a terminal, and
 * otherwise (output to a file or a pipe) a plain line at each tenth of a stage, so a log stays readable
 * instead of holding carriage-return-joined bars. Thread-safe: work decoded on several threads reports
 * through one instance.
 */
final class ConsoleProgress implements Progress, AutoCloseable {

    private final boolean terminal;
    private final PrintStream lines;
    private String stage;
    private long total;
    private long done;
    private int tenthsShown;
    private ProgressBar bar;

    /** Shows progress as a bar when this process has a console, as lines otherwise. */
    ConsoleProgress() {
        this(Terminal.isTerminal(), System.err);
    }

    /**
     * Shows progress as a bar or as lines.
     *
     * @param terminal whether to draw an updating bar (on a terminal) rather than lines
     * @param lines where the lines go when not on a terminal
     */
    ConsoleProgress(boolean terminal, PrintStream lines) {
        this.terminal = terminal;
        this.lines = lines;
    }

    @Override
    public void update(String stage, int done, int total) {
        update(stage, done, total, "");
    }

    /**
     * Says that {@code done} of {@code total} units of {@code stage} are finished, with a short note of the
     * current figures; a new stage name or total starts a new bar.
     *
     * @param stage what is being done, for example {@code "epoch 3/100"}
     * @param done the units finished so far
     * @param total the units of the stage
     * @param note figures to show beside the count, or empty
     */
    synchronized void update(String stage, long done, long total, String note) {
        if (!stage.equals(this.stage) || total != this.total) {
            start(stage, total);
        }
        // Several threads may report one stage out of order; the count only goes up.
        if (done < this.done) {
            return;
        }
        this.done = done;
        if (terminal) {
            bar.stepTo(done);
            if (!note.isEmpty()) {
                bar.setExtraMessage(note);
            }
            return;
        }
        int tenths = total <= 0 ? 10 : (int) Math.min(10, 10 * done / total);
        if (tenths > tenthsShown) {
            tenthsShown = tenths;
            lines.printf(
                    Locale.ROOT,
                    "%s: %d/%d (%d%%)%s%n",
                    stage,
                    done,
                    total,
                    total <= 0 ? 100 : 100 * done / total,
                    note.isEmpty() ? "" : "  " + note);
        }
    }

    private void start(String stage, long total) {
        endStage();
        this.stage = stage;
        this.total = total;
        this.done = 0;
        this.tenthsShown = 0;
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(stage)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(1000)
                    .continuousUpdate()
                    .build();
        }
    }

    /** Ends the current stage (a bar is drawn complete and left on its line); the next update starts anew. */
    synchronized void endStage() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        stage = null;
    }

    /** Ends the current stage, as {@link #endStage()}. */
    @Override
    public void close() {
        endStage();
    }
}
