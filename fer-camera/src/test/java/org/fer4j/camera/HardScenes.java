// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fer4j.camera.internal.Mats;
import org.fer4j.camera.internal.SyntheticVideo;

/**
 * Generated test scenes for face detection at every size: the 30 bundled FER-2013 faces of
 * {@code src/test/resources/video-faces} scattered at random sizes, positions and tilts over a cluttered,
 * noisy background, with the truth box of every face. Everything is drawn from a seed, so nothing binary
 * is committed.
 */
final class HardScenes {

    private HardScenes() {}

    /** A drawn face and its truth box (the square before it was turned). */
    record Shown(SyntheticVideo.Placement placement) {
        FaceBox truth() {
            return new FaceBox(placement.x(), placement.y(), placement.size(), placement.size());
        }
    }

    /** Faces found and missed, by matching boxes at IoU 0.3 (each found box matches one face at most). */
    record Count(int shown, int found, int falseFaces, List<Shown> missed) {}

    /** Returns the bundled faces, in index order. */
    static List<BufferedImage> faces() throws IOException {
        List<BufferedImage> faces = new ArrayList<>();
        try (InputStream index = HardScenes.class.getResourceAsStream("/video-faces/index.txt")) {
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                if (!name.isBlank()) {
                    try (InputStream in = HardScenes.class.getResourceAsStream("/video-faces/" + name.strip())) {
                        faces.add(ImageIO.read(in));
                    }
                }
            }
        }
        return faces;
    }

    /**
     * Paints a cluttered background: a colour gradient, a few hundred translucent shapes and lines, and
     * per-pixel noise, so that the detector meets edges and texture rather than a plain grey.
     */
    static BufferedImage texture(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, colour(random, 255), width, height, colour(random, 255)));
            g.fillRect(0, 0, width, height);
            int shapes = width * height / 6000;
            int big = Math.max(width, height) / 6;
            for (int i = 0; i < shapes; i++) {
                g.setColor(colour(random, 60 + random.nextInt(150)));
                int x = random.nextInt(width);
                int y = random.nextInt(height);
                int w = 4 + random.nextInt(big);
                int h = 4 + random.nextInt(big);
                switch (random.nextInt(4)) {
                    case 0 -> g.fillRect(x - w / 2, y - h / 2, w, h);
                    case 1 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                    case 2 -> {
                        g.setStroke(new BasicStroke(1 + random.nextInt(6)));
                        g.drawLine(x, y, x + random.nextInt(2 * big) - big, y + random.nextInt(2 * big) - big);
                    }
                    default -> {
                        g.setStroke(new BasicStroke(1 + random.nextInt(3)));
                        g.drawRect(x - w / 2, y - h / 2, w, h);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(25) - 12;
                int p = row[x];
                row[x] = clamp(((p >> 16) & 255) + n) << 16 | clamp(((p >> 8) & 255) + n) << 8 | clamp((p & 255) + n);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static Color colour(Random random, int alpha) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), alpha);
    }

    /**
     * Places faces of the given sizes at random where they overlap neither each other nor the frame's
     * edge, each turned by up to {@code maxDegrees} either way; faces are taken from {@code faces} in turn
     * from {@code first}.
     */
    static List<Shown> scatter(
            List<BufferedImage> faces,
            int first,
            int[] sizes,
            int width,
            int height,
            double maxDegrees,
            Random random) {
        List<Shown> shown = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            double degrees = maxDegrees == 0 ? 0 : (random.nextDouble() * 2 - 1) * maxDegrees;
            // The turned square's extent, plus a gap, must stay clear of the others.
            int reach = (int) Math.ceil(size
                            / 2.0
                            * (Math.abs(Math.cos(Math.toRadians(degrees)))
                                    + Math.abs(Math.sin(Math.toRadians(degrees)))))
                    + 4;
            for (int attempt = 0; attempt < 2000; attempt++) {
                int cx = reach + random.nextInt(Math.max(1, width - 2 * reach));
                int cy = reach + random.nextInt(Math.max(1, height - 2 * reach));
                boolean free = true;
                for (int[] t : taken) {
                    if (Math.abs(cx - t[0]) < reach + t[2] && Math.abs(cy - t[1]) < reach + t[2]) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    taken.add(new int[] {cx, cy, reach});
                    BufferedImage face = faces.get((first + i) % faces.size());
                    shown.add(
                            new Shown(new SyntheticVideo.Placement(face, cx - size / 2, cy - size / 2, size, degrees)));
                    break;
                }
            }
        }
        if (shown.size() != sizes.length) {
            throw new IllegalStateException("No room for " + sizes.length + " faces in " + width + "x" + height);
        }
        return shown;
    }

    /** Draws the faces onto a copy of {@code background} as an 8-bit BGR frame; the caller closes it. */
    static org.bytedeco.opencv.opencv_core.Mat draw(BufferedImage background, List<Shown> shown) {
        org.bytedeco.opencv.opencv_core.Mat canvas = Mats.fromImage(background);
        try (org.bytedeco.opencv.opencv_core.Mat scaled = new org.bytedeco.opencv.opencv_core.Mat()) {
            for (Shown s : shown) {
                try (org.bytedeco.opencv.opencv_core.Mat face =
                        Mats.fromImage(s.placement().face())) {
                    SyntheticVideo.draw(canvas, s.placement(), face, scaled);
                }
            }
        }
        return canvas;
    }

    /** Matches found boxes to the shown faces, best overlap first, at IoU 0.3 or more. */
    static Count count(List<Shown> shown, List<FaceBox> found) {
        List<FaceBox> unmatched = new ArrayList<>(found);
        List<Shown> missed = new ArrayList<>();
        for (Shown s : shown) {
            FaceBox best = null;
            for (FaceBox d : unmatched) {
                if (d.iou(s.truth()) >= 0.3 && (best == null || d.iou(s.truth()) > best.iou(s.truth()))) {
                    best = d;
                }
            }
            if (best == null) {
                missed.add(s);
            } else {
                unmatched.remove(best);
            }
        }
        return new Count(shown.size(), shown.size() - missed.size(), unmatched.size(), missed);
    }

    /** The 1920x1080 group photo: 24 faces of 20 to 200 px (evenly spread on a log scale), tilted up to 10 degrees. */
    static List<Shown> groupPhoto(List<BufferedImage> faces, Random random) {
        int[] sizes = new int[24];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) Math.round(20 * Math.pow(10, i / 23.0));
        }
        // Which face gets which size is drawn too, so no face is always the smallest.
        List<BufferedImage> order = new ArrayList<>(faces);
        java.util.Collections.shuffle(order, random);
        return scatter(order, 0, sizes, 1920, 1080, 10, random);
    }
}
