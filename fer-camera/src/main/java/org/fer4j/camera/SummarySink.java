package org.fer4j.camera;

import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import org.fer4j.core.EmotionLabels;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
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
        for (Path f : new Path[] {csvFile, chartFile}) {
            Path parent = f.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
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
    public void close() throws IOException {
        if (labels == null) {
            return;
        }
        long last = seconds.isEmpty() ? -1 : seconds.lastKey();
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        XYSeries[] series = new XYSeries[labels.size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = new XYSeries(labels.name(i), false, false);
        }
        try (BufferedWriter out = Files.newBufferedWriter(csvFile)) {
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
        ChartUtils.saveChartAsPNG(chartFile.toFile(), chart, 1000, 420);
    }
}
