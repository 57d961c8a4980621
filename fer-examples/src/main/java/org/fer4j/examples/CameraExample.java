// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.camera.EmotionCamera;
import org.fer4j.camera.FrameResult;
import org.fer4j.camera.TrackedFace;
import org.fer4j.camera.VideoSource;
import org.fer4j.inference.EmotionClassifier;

/** Example: run the camera loop on a webcam index, video, image or folder and print each frame's faces. */
public final class CameraExample {

    private CameraExample() {}

    /**
     * Usage: {@code CameraExample 0} (webcam 0) or {@code CameraExample video.mp4}.
     *
     * @param args the source
     * @throws Exception if the model or the source cannot be opened
     */
    public static void main(String[] args) throws Exception {
        run(args);
    }

    /**
     * Runs the loop on {@code args[0]}, printing one line per frame.
     *
     * @param args the source: a camera index, video, stream URL, image or folder
     * @return every frame's result
     * @throws Exception if the model or the source cannot be opened
     */
    public static List<FrameResult> run(String[] args) throws Exception {
        List<FrameResult> results = new ArrayList<>();
        try (EmotionClassifier fer = EmotionClassifier.loadDefault();
                EmotionCamera camera = EmotionCamera.builder()
                        .setSource(VideoSource.parse(args[0]))
                        .setClassifier(fer)
                        .build()) {
            camera.run((result, frame) -> {
                results.add(result);
                StringBuilder line = new StringBuilder("frame " + result.frameIndex() + ":");
                for (TrackedFace face : result.faces()) {
                    line.append(' ').append(face.prediction()).append(" at ").append(face.box());
                }
                System.out.println(line);
            });
        }
        return results;
    }
}
