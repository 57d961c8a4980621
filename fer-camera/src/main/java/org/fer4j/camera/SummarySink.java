// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.internal.TextFields;

/** Emotion shares per second as CSV and a timeline chart; see {@link FrameSink#summary(Path, Path, FrameSink.TimelineChart)}. */
final class SummarySink implements SourceAwareSink {

    private final Path csvFile;
    private final Path chartFile;
    private final TimelineChart chart;
    private final TreeMap<Long, Second> seconds = new TreeMap<>();
    private final List<Path> completed = Collections.synchronizedList(new ArrayList<>());
    private OutputFile csvOutput;
    private OutputFile chartOutput;
    private EmotionLabels labels;
    private String description = "";

    SummarySink(Path csvFile, Path chartFile, TimelineChart chart) {
        this.csvFile = csvFile;
        this.chartFile = chartFile;
        this.chart = chart;
    }

    /** Counts of one second of the source. */
    private static final class Second {
        int frames;
        int faces;
        final int[] counts;

        Second(int labels) {
            counts = new int[labels];
        }
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        labels = source.labels();
        description = source.description();
        csvOutput = OutputFile.create(csvFile, true);
        try {
            chartOutput = OutputFile.create(chartFile, true);
        } catch (IOException e) {
            csvOutput.discard();
            csvOutput = null;
            throw e;
        }
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) {
        if (!result.analysed()) {
            return;
        }
        Second s = seconds.computeIfAbsent(result.timestampMs() / 1000, k -> new Second(labels.size()));
        s.frames++;
        for (TrackedFace face : result.faces()) {
            int i = labels.indexOf(face.prediction().label());
            if (i >= 0) {
                s.counts[i]++;
                s.faces++;
            }
        }
    }

    @Override
    public List<Path> completedFiles() {
        return List.copyOf(completed);
    }

    @Override
    public void close() throws IOException {
        if (csvOutput == null) {
            return;
        }
        try {
            // No analysed frame, no summary: a header-only CSV and an empty chart would only mislead.
            if (!seconds.isEmpty()) {
                write(csvOutput.temp(), chartOutput.temp());
                completed.add(csvOutput.commit());
                completed.add(chartOutput.commit());
            }
        } finally {
            abort();
        }
    }

    @Override
    public void abort() {
        if (csvOutput != null) {
            csvOutput.discard();
            chartOutput.discard();
            csvOutput = null;
            chartOutput = null;
        }
    }

    private void write(Path csv, Path png) throws IOException {
        long last = seconds.lastKey();
        double[][] shares = new double[(int) last + 1][labels.size()];
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("second,frames,faces");
            for (String name : labels.names()) {
                out.write("," + TextFields.csv(name));
            }
            out.write('\n');
            // Every second up to the last one gets a row, so gaps (no analysed frame) show as zeros.
            for (int sec = 0; sec <= last; sec++) {
                Second s = seconds.getOrDefault((long) sec, new Second(labels.size()));
                StringBuilder row = new StringBuilder();
                row.append(sec).append(',').append(s.frames).append(',').append(s.faces);
                for (int i = 0; i < labels.size(); i++) {
                    shares[sec][i] = s.faces == 0 ? 0 : (double) s.counts[i] / s.faces;
                    row.append(String.format(Locale.ROOT, ",%.4f", shares[sec][i]));
                }
                out.write(row.append('\n').toString());
            }
        }
        List<Color> colours = new ArrayList<>();
        for (String name : labels.names()) {
            double[] bgr = Annotator.colour(name);
            colours.add(new Color((int) bgr[2], (int) bgr[1], (int) bgr[0]));
        }
        BufferedImage image =
                chart.draw("Emotions over time: " + description, labels.names(), List.copyOf(colours), shares);
        // Straight to the file, not through an OutputStream: for a stream ImageIO opens a cache that registers
        // a shutdown hook, which fails while the JVM shuts down (Ctrl-C, SIGTERM) and left a 0-byte chart.
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("Cannot write chart " + chartFile + ": no PNG writer");
        }
    }
}
