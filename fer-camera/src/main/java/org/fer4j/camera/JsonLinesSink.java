package org.fer4j.camera;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.inference.EmotionPrediction;

/** Writes one JSON object per analysed frame and line; see {@link Sinks#jsonLines(Path)}. */
final class JsonLinesSink implements FrameSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;

    JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public void open(SourceInfo source) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(file);
    }

    @Override
    public void accept(FrameResult result, CapturedFrame frame) throws IOException {
        if (!result.analysed()) {
            return;
        }
        out.write(JSON.writeValueAsString(toMap(result)));
        out.write('\n');
        // Flushed per frame so that a crash or a killed process keeps every frame written so far.
        out.flush();
    }

    static Map<String, Object> toMap(FrameResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("frame", result.frameIndex());
        root.put("timestampMs", result.timestampMs());
        List<Object> faces = new ArrayList<>(result.faces().size());
        for (DetectedFace f : result.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("track", f.track());
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x", f.box().x());
            box.put("y", f.box().y());
            box.put("width", f.box().width());
            box.put("height", f.box().height());
            face.put("box", box);
            EmotionPrediction p = f.prediction();
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

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
