// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.fer4j.core.internal.Terminal;

/**
 * Shows how far a job has got, on the driver: tasks done of each stage, and each failed task that Spark
 * retries. On a terminal one line is rewritten in place; otherwise a line at most every 10 seconds.
 */
final class ProgressListener extends SparkListener {

    private final PrintStream out;
    private final boolean console = Terminal.isTerminal();
    private final long intervalNanos = console ? 500_000_000L : 10_000_000_000L;
    private long lastPrint;
    private int stage = -1;
    private int total;
    private int done;
    private boolean openLine;
    /** Only the scoring job is shown, not the small jobs that count the rows afterwards. */
    private volatile boolean enabled;

    ProgressListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        if (!enabled) {
            return;
        }
        stage = event.stageInfo().stageId();
        total = event.stageInfo().numTasks();
        done = 0;
        lastPrint = 0;
        print(false);
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        if (event.stageId() != stage) {
            return;
        }
        if (event.reason() instanceof TaskFailedReason failed) {
            endLine();
            out.println(String.format(
                    Locale.ROOT,
                    "fer score: task %d (attempt %d) failed; Spark runs it again: %s",
                    event.taskInfo().index(),
                    event.taskInfo().attemptNumber(),
                    firstLine(failed.toErrorString())));
        } else if (event.taskInfo().successful()) {
            done++;
        }
        print(false);
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
        if (event.stageInfo().stageId() == stage) {
            print(true);
            endLine();
        }
    }

    /** Shows the stages submitted from now on. */
    void start() {
        enabled = true;
    }

    /** Stops showing stages and ends the progress line. */
    synchronized void finish() {
        enabled = false;
        stage = -1;
        endLine();
    }

    private void print(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        String line = String.format(Locale.ROOT, "fer score: stage %d: %d/%d tasks", stage, done, total);
        if (console) {
            out.print("\r" + line);
            openLine = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    private void endLine() {
        if (openLine) {
            out.println();
            openLine = false;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
