// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of training data and runs, drawn with JFreeChart. */
final class Charts {

    private static final Color TRAIN = new Color(0x4C72B0);
    private static final Color TEST = new Color(0xDD8452);
    private static final Color LARGEST = new Color(0x2CA02C);
    private static final Color SMALLEST = new Color(0xD62728);

    private Charts() {}

    static void classDistribution(ClassDistribution d, Path file) throws IOException {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (int c = 0; c < d.labels().size(); c++) {
            ds.addValue(d.train(c), "train", d.labels().name(c));
            ds.addValue(d.validation(c), "test", d.labels().name(c));
        }
        int largest = d.largest();
        int smallest = d.smallest();
        BarRenderer renderer = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                if (row == 0 && column == largest) {
                    return LARGEST;
                }
                if (row == 0 && column == smallest) {
                    return SMALLEST;
                }
                return row == 0 ? TRAIN : TEST;
            }
        };
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, TEST);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("class"), new NumberAxis("images"), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Images per class", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(d.imbalanceLine() + " (train bars: green = largest, red = smallest)"));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 540);
    }

    static void trainingCurves(List<EpochRecord> history, Path file) throws IOException {
        XYSeries loss = new XYSeries("train loss");
        XYSeries valLoss = new XYSeries("validation loss");
        XYSeries acc = new XYSeries("train accuracy");
        XYSeries valAcc = new XYSeries("validation accuracy");
        for (EpochRecord r : history) {
            loss.add(r.epoch(), r.loss());
            valLoss.add(r.epoch(), r.valLoss());
            acc.add(r.epoch(), r.accuracy());
            valAcc.add(r.epoch(), r.valAccuracy());
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
        plot.add(subplot("loss", loss, valLoss));
        plot.add(subplot("accuracy", acc, valAcc));
        JFreeChart chart = new JFreeChart("Training curves", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 700);
    }

    private static XYPlot subplot(String name, XYSeries train, XYSeries val) {
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(train);
        ds.addSeries(val);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, TRAIN);
        r.setSeriesPaint(1, TEST);
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setSeriesStroke(1, new BasicStroke(2f));
        NumberAxis axis = new NumberAxis(name);
        axis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ds, null, axis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
