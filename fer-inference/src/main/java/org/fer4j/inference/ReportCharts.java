// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.fer4j.core.EmotionLabels;
import org.fer4j.core.Evaluation;

/** Draws the reliability diagram and the gallery of confident mistakes of an {@link EvaluationReport}. */
final class ReportCharts {

    /** Mistakes shown per true class in the gallery. */
    static final int MISTAKES_PER_CLASS = 8;

    private static final int TILE = 96;
    private static final int CAPTION = 34;
    private static final int LABEL_COLUMN = 110;

    private ReportCharts() {}

    /**
     * Writes a reliability diagram: per confidence bin, the accuracy (bars) against the mean confidence
     * (the diagonal is perfect calibration), the gap shaded, and below it how many images each bin holds.
     */
    static void reliabilityDiagram(Evaluation e, Path file) throws IOException {
        int left = 80;
        int top = 60;
        int plot = 480;
        int histogram = 110;
        int width = left + plot + 100;
        int height = top + plot + 40 + histogram + 50;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(
                    String.format(
                            Locale.ROOT,
                            "Reliability diagram: ECE %.4f (%d bins), NLL %.4f, %d images",
                            e.expectedCalibrationError(),
                            Evaluation.CALIBRATION_BINS,
                            e.negativeLogLikelihood(),
                            e.total()),
                    20,
                    30);
            int bins = Evaluation.CALIBRATION_BINS;
            double binWidth = (double) plot / bins;
            for (int b = 0; b < bins; b++) {
                if (e.calibrationCount(b) == 0) {
                    continue;
                }
                int x = left + (int) Math.round(b * binWidth);
                int w = (int) Math.round((b + 1) * binWidth) - (int) Math.round(b * binWidth);
                int accuracyY = top + plot - (int) Math.round(e.calibrationAccuracy(b) * plot);
                int confidenceY = top + plot - (int) Math.round(e.calibrationConfidence(b) * plot);
                g.setColor(new Color(49, 130, 189));
                g.fillRect(x, accuracyY, w, top + plot - accuracyY);
                g.setColor(new Color(222, 45, 38, 110));
                g.fillRect(x, Math.min(accuracyY, confidenceY), w, Math.abs(accuracyY - confidenceY));
                g.setColor(Color.WHITE);
                g.drawRect(x, accuracyY, w, top + plot - accuracyY);
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(left, top + plot, left + plot, top);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.GRAY);
            g.drawRect(left, top, plot, plot);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= 5; i++) {
                String t = String.format(Locale.ROOT, "%.1f", i / 5.0);
                g.drawString(t, left + i * plot / 5 - fm.stringWidth(t) / 2, top + plot + 16);
                g.drawString(t, left - fm.stringWidth(t) - 6, top + plot - i * plot / 5 + 4);
            }
            g.setColor(Color.BLACK);
            g.drawString("confidence (top probability)", left + plot / 2 - 80, top + plot + 32);
            g.drawString("accuracy", 8, top + plot / 2);
            g.setColor(new Color(49, 130, 189));
            g.fillRect(left + 10, top + 10, 12, 12);
            g.setColor(new Color(222, 45, 38, 110));
            g.fillRect(left + 10, top + 28, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("accuracy in the bin", left + 28, top + 21);
            g.drawString("gap to the bin's mean confidence (over the bar: under-confident)", left + 28, top + 39);
            // How many images each bin holds: a gap over a handful of images means little.
            int hTop = top + plot + 50;
            int most = 1;
            for (int b = 0; b < bins; b++) {
                most = Math.max(most, e.calibrationCount(b));
            }
            g.setColor(Color.GRAY);
            g.drawRect(left, hTop, plot, histogram);
            for (int b = 0; b < bins; b++) {
                int n = e.calibrationCount(b);
                if (n == 0) {
                    continue;
                }
                int x = left + (int) Math.round(b * binWidth);
                int w = (int) Math.round((b + 1) * binWidth) - (int) Math.round(b * binWidth);
                int h = (int) Math.round((double) n / Math.max(1, most) * (histogram - 14));
                g.setColor(new Color(150, 150, 150));
                g.fillRect(x + 1, hTop + histogram - h, w - 2, h);
                g.setColor(Color.BLACK);
                String count = Integer.toString(n);
                g.drawString(count, x + (w - fm.stringWidth(count)) / 2, hTop + histogram - h - 2);
            }
            g.drawString("images per bin", 8, hTop + histogram / 2);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** A wrongly classified image: its file, true and predicted class, and the predicted class's probability. */
    record Mistake(Path file, int truth, int predicted, double confidence) {}

    /** Returns, per true class, its most confident mistakes, most confident first, at most {@code perClass} each. */
    static List<List<Mistake>> mistakes(
            int classes, List<Path> files, int[] truth, float[][] probabilities, int perClass) {
        List<List<Mistake>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < truth.length; i++) {
            int predicted = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][predicted]) {
                    predicted = c;
                }
            }
            if (predicted != truth[i]) {
                byClass.get(truth[i]).add(new Mistake(files.get(i), truth[i], predicted, probabilities[i][predicted]));
            }
        }
        for (List<Mistake> list : byClass) {
            list.sort(Comparator.comparingDouble(Mistake::confidence)
                    .reversed()
                    .thenComparing(m -> m.file().toString()));
            if (list.size() > perClass) {
                list.subList(perClass, list.size()).clear();
            }
        }
        return byClass;
    }

    /**
     * Writes the gallery: one row per true class, its most confident mistakes from left to right, each
     * image with the class it was taken for and that class's probability. Images that cannot be read back
     * are drawn as a grey square with their file name.
     */
    static void mistakesGallery(EmotionLabels labels, List<List<Mistake>> mistakes, Path file) throws IOException {
        int columns = Math.max(1, mistakes.stream().mapToInt(List::size).max().orElse(0));
        int rowHeight = TILE + CAPTION;
        int top = 44;
        int width = LABEL_COLUMN + columns * (TILE + 8) + 12;
        int height = top + labels.size() * rowHeight + 10;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(
                    "Most confident mistakes per true class (caption: predicted class and its probability)", 12, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int t = 0; t < labels.size(); t++) {
                int y = top + t * rowHeight;
                g.setColor(Color.BLACK);
                g.drawString(fit(labels.name(t), fm, LABEL_COLUMN - 16), 12, y + TILE / 2);
                List<Mistake> row = mistakes.get(t);
                if (row.isEmpty()) {
                    g.setColor(Color.GRAY);
                    g.drawString("no mistakes", LABEL_COLUMN, y + TILE / 2);
                }
                for (int i = 0; i < row.size(); i++) {
                    Mistake m = row.get(i);
                    int x = LABEL_COLUMN + i * (TILE + 8);
                    BufferedImage face = read(m.file());
                    if (face == null) {
                        g.setColor(new Color(220, 220, 220));
                        g.fillRect(x, y, TILE, TILE);
                    } else {
                        // Whole image, its longer side fitted to the tile.
                        double s = (double) TILE / Math.max(face.getWidth(), face.getHeight());
                        int w = Math.max(1, (int) Math.round(face.getWidth() * s));
                        int h = Math.max(1, (int) Math.round(face.getHeight() * s));
                        g.drawImage(face, x + (TILE - w) / 2, y + (TILE - h) / 2, w, h, null);
                    }
                    g.setColor(Color.BLACK);
                    g.drawString(
                            fit(
                                    String.format(Locale.ROOT, "%s %.2f", labels.name(m.predicted()), m.confidence()),
                                    fm,
                                    TILE),
                            x,
                            y + TILE + 13);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(fit(m.file().getFileName().toString(), fm, TILE), x, y + TILE + 27);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static BufferedImage read(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            // A file gone or in a format ImageIO lacks: the tile says so by its grey square.
            return null;
        }
    }

    /** Shortens {@code text} with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
