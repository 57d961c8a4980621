package org.fer4j.camera;

import java.awt.Color;
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
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/** Emotion shares per second as CSV and a timeline chart; see {@link Sinks#summary(Path, Path)}. */
final class SummarySink implements FrameSink {

    private final Path csvFile;
    private final Path chartFile;
    private final TreeMap<Long, Second> seconds = new TreeMap<>();
    private final List<Path> completed = Collections.synchronizedList(new ArrayList<>());
    private OutputFile csvOutput;
    private OutputFile chartOutput;
    private EmotionLabels labels;
    private String description = "";

    SummarySink(Path csvFile, Path chartFile) {
        this.csvFile = csvFile;
        this.chartFile = chartFile;
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
        for (DetectedFace face : result.faces()) {
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
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        XYSeries[] series = new XYSeries[labels.size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = new XYSeries(labels.name(i), false, false);
        }
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("second,frames,faces");
            for (String name : labels.names()) {
                out.write("," + name);
            }
            out.write('\n');
            // Every second up to the last one gets a row, so gaps (no analysed frame) show as zeros.
            for (long sec = 0; sec <= last; sec++) {
                Second s = seconds.getOrDefault(sec, new Second(labels.size()));
                StringBuilder row = new StringBuilder();
                row.append(sec).append(',').append(s.frames).append(',').append(s.faces);
                for (int i = 0; i < labels.size(); i++) {
                    double share = s.faces == 0 ? 0 : (double) s.counts[i] / s.faces;
                    row.append(String.format(Locale.ROOT, ",%.4f", share));
                    series[i].add(sec, share);
                }
                out.write(row.append('\n').toString());
            }
        }
        for (XYSeries s : series) {
            dataset.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart("Emotions over time: " + description,
                "time (s)", "share of faces", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setRange(0, 1);
        plot.setBackgroundPaint(Color.WHITE);
        for (int i = 0; i < labels.size(); i++) {
            double[] bgr = Annotator.colour(labels.name(i));
            plot.getRenderer().setSeriesPaint(i, new Color((int) bgr[2], (int) bgr[1], (int) bgr[0]));
        }
        // Straight to the file, not through ChartUtils.saveChartAsPNG: that writes via an OutputStream, for
        // which ImageIO opens a cache stream that registers a shutdown hook, which fails while the JVM shuts
        // down (Ctrl-C, SIGTERM) and left a 0-byte chart.
        if (!ImageIO.write(chart.createBufferedImage(1000, 420), "png", png.toFile())) {
            throw new IOException("Cannot write chart " + chartFile + ": no PNG writer");
        }
    }
}
