// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.fer4j.camera.FrameSink;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/** The timeline chart of {@code fer detect} and {@code fer demo}: emotion shares per second, stacked, 1000x420. */
final class JFreeTimelineChart implements FrameSink.TimelineChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 420;

    @Override
    public BufferedImage draw(String title, List<String> labels, List<Color> colours, double[][] shares) {
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        for (int i = 0; i < labels.size(); i++) {
            XYSeries series = new XYSeries(labels.get(i), false, false);
            for (int sec = 0; sec < shares.length; sec++) {
                series.add(sec, shares[sec][i]);
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createStackedXYAreaChart(
                title, "time (s)", "share of faces", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setRange(0, 1);
        plot.setBackgroundPaint(Color.WHITE);
        for (int i = 0; i < colours.size(); i++) {
            plot.getRenderer().setSeriesPaint(i, colours.get(i));
        }
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }
}
