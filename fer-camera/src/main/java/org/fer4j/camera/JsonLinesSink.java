// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import ai.djl.modality.cv.output.Point;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.inference.EmotionPrediction;

/** Writes one JSON object per analysed frame and line; see {@link FrameSink#jsonLines(Path)}. */
final class JsonLinesSink implements SourceAwareSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<Path> completed = Collections.synchronizedList(new ArrayList<>());
    private OutputFile output;
    private BufferedWriter out;
    private long lines;

    JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        output = OutputFile.create(file, true);
        try {
            out = new BufferedWriter(new OutputStreamWriter(output.open(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            output.discard();
            throw e;
        }
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) throws IOException {
        if (!result.analysed()) {
            return;
        }
        out.write(JSON.writeValueAsString(toMap(result)));
        out.write('\n');
        lines++;
    }

    static Map<String, Object> toMap(FrameResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("frame", result.frameIndex());
        root.put("timestampMs", result.timestampMs());
        root.put("source", result.source());
        List<Object> faces = new ArrayList<>(result.faces().size());
        for (TrackedFace f : result.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("track", f.track());
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", f.box().x());
            box.put("y", f.box().y());
            box.put("width", f.box().width());
            box.put("height", f.box().height());
            face.put("box", box);
            // Rounded: three decimals of a score and a tenth of a pixel say all the detector knows.
            face.put("score", Math.round(f.detection().score() * 1000) / 1000.0);
            f.detection().landmarks().ifPresent(l -> face.put("landmarks", landmarks(l)));
            EmotionPrediction p = f.prediction();
            face.put("fresh", f.fresh());
            face.put("emotion", p.label());
            face.put("probability", p.probability());
            Map<String, Object> all = new LinkedHashMap<>();
            float[] probabilities = p.probabilities();
            for (int i = 0; i < probabilities.length; i++) {
                all.put(p.labels().name(i), probabilities[i]);
            }
            face.put("probabilities", all);
            faces.add(face);
        }
        root.put("faces", faces);
        return root;
    }

    /** The five landmarks as {"rightEye": {"x": .., "y": ..}, ...}, in pixels to a tenth. */
    static Map<String, Object> landmarks(FaceLandmarks l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rightEye", point(l.rightEye()));
        m.put("leftEye", point(l.leftEye()));
        m.put("noseTip", point(l.noseTip()));
        m.put("rightMouthCorner", point(l.rightMouthCorner()));
        m.put("leftMouthCorner", point(l.leftMouthCorner()));
        return m;
    }

    private static Map<String, Object> point(Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", Math.round(p.getX() * 10) / 10.0);
        m.put("y", Math.round(p.getY() * 10) / 10.0);
        return m;
    }

    @Override
    public List<Path> completedFiles() {
        return List.copyOf(completed);
    }

    @Override
    public void close() throws IOException {
        if (out == null) {
            return;
        }
        BufferedWriter writer = out;
        out = null;
        try {
            writer.close();
        } catch (IOException e) {
            output.discard();
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        // A run that delivered no analysed frame has nothing to say: no empty file.
        if (lines == 0) {
            output.discard();
        } else {
            completed.add(output.commit());
        }
    }

    @Override
    public void abort() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // The file is discarded anyway.
        }
        out = null;
        output.discard();
    }
}
