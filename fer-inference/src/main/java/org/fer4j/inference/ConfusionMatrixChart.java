// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.fer4j.core.Evaluation;

/**
 * Draws the confusion matrix as two heat maps side by side: raw counts, and each row divided by its
 * total (so the diagonal reads as per-class recall). Java2D keeps fer-inference free of chart libraries.
 */
final class ConfusionMatrixChart {

    private static final int CELL = 64;
    private static final int LEFT = 110;
    private static final int TOP = 70;
    private static final int GAP = 150;

    private ConfusionMatrixChart() {}

    static void write(Evaluation e, Path file) throws IOException {
        int k = e.labels().size();
        int panel = k * CELL;
        int width = LEFT + panel + GAP + panel + 40;
        int height = TOP + panel + 110;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int[][] m = e.confusionMatrix();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(
                String.format(
                        Locale.ROOT,
                        "Confusion matrix (rows = true, columns = predicted)   accuracy %.4f, macro-F1 %.4f",
                        e.accuracy(),
                        e.macroF1()),
                20,
                30);
        panel(g, e, m, false, LEFT, "counts");
        panel(g, e, m, true, LEFT + panel + GAP, "row-normalised");
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Evaluation e, int[][] m, boolean normalised, int x0, String title) {
        int k = m.length;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, x0, TOP - 10);
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        for (int t = 0; t < k; t++) {
            int rowSum = 0;
            for (int v : m[t]) {
                rowSum += v;
            }
            for (int p = 0; p < k; p++) {
                double share = normalised ? (rowSum == 0 ? 0 : (double) m[t][p] / rowSum) : (double) m[t][p] / max;
                g.setColor(blue(share));
                int x = x0 + p * CELL;
                int y = TOP + t * CELL;
                g.fillRect(x, y, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String text = normalised ? String.format(Locale.ROOT, "%.2f", share) : Integer.toString(m[t][p]);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(text, x + (CELL - fm.stringWidth(text)) / 2, y + CELL / 2 + fm.getAscent() / 2 - 2);
            }
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, TOP, k * CELL, k * CELL);
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < k; i++) {
            String label = e.labels().name(i);
            g.drawString(label, x0 - fm.stringWidth(label) - 8, TOP + i * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
            AffineTransform old = g.getTransform();
            g.rotate(Math.toRadians(-35), x0 + i * CELL + CELL / 2.0, TOP + k * CELL + 14);
            g.drawString(label, x0 + i * CELL + CELL / 2 - fm.stringWidth(label), TOP + k * CELL + 18);
            g.setTransform(old);
        }
        g.drawString("predicted", x0 + k * CELL / 2 - 30, TOP + k * CELL + 80);
        AffineTransform old = g.getTransform();
        g.rotate(Math.toRadians(-90), x0 - 92, TOP + k * CELL / 2.0);
        g.drawString("true", x0 - 92, TOP + k * CELL / 2);
        g.setTransform(old);
    }

    private static Color blue(double share) {
        double s = Math.max(0, Math.min(1, share));
        return new Color((int) (247 - s * (247 - 8)), (int) (251 - s * (251 - 48)), (int) (255 - s * (255 - 107)));
    }
}
