// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import java.io.IOException;
import java.io.InputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * The YuNet network as OpenCV runs it: loaded from the model bundled in this jar, sized to each input it is
 * given, with the buffer it writes its rows into. Not thread-safe; {@link YuNetFaceDetector} serialises calls.
 */
final class YuNetNetwork implements AutoCloseable {

    /** Values per face in FaceDetectorYN's output: box (4), five landmarks (10), score. */
    static final int COLUMNS = 15;

    private final FaceDetectorYN net;
    private final Mat output = new Mat();
    private int inputWidth;
    private int inputHeight;

    private YuNetNetwork(FaceDetectorYN net) {
        this.net = net;
    }

    /** Reads the bundled model from the classpath and makes the network; throws naming the resource. */
    static YuNetNetwork load(float scoreThreshold, float nmsThreshold) throws IOException {
        String resource = YuNetFaceDetector.MODEL_RESOURCE;
        byte[] model;
        try (InputStream in = YuNetFaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("The YuNet model " + resource + " is not on the classpath");
            }
            model = in.readAllBytes();
        }
        FaceDetectorYN net;
        // The model is handed over as bytes (the "onnx" framework overload), so nothing is extracted to
        // disk. The input size is a placeholder: detect() sets it to each input's size.
        try (Size size = new Size(320, 320)) {
            net = FaceDetectorYN.create("onnx", model, new byte[0], size, scoreThreshold, nmsThreshold, 5000, 0, 0);
        } catch (RuntimeException e) {
            throw new IOException("Cannot load the YuNet model " + resource + ": " + e.getMessage(), e);
        }
        if (net == null || net.isNull()) {
            throw new IOException("Cannot load the YuNet model " + resource + ": OpenCV returned no detector");
        }
        return new YuNetNetwork(net);
    }

    /**
     * Runs the network on {@code input} and returns its rows (x, y, w, h, 5 x (x, y), score, in input pixels),
     * possibly empty; the Mat is borrowed and overwritten by the next call.
     */
    Mat detect(Mat input) {
        if (input.cols() != inputWidth || input.rows() != inputHeight) {
            try (Size size = new Size(input.cols(), input.rows())) {
                net.setInputSize(size);
            }
            inputWidth = input.cols();
            inputHeight = input.rows();
        }
        net.detect(input, output);
        if (!output.empty() && output.rows() > 0 && output.cols() < COLUMNS) {
            throw new IllegalStateException(
                    "FaceDetectorYN returned " + output.cols() + " values per face, expected " + COLUMNS);
        }
        return output;
    }

    /** Frees the native network and its output buffer. */
    @Override
    public void close() {
        net.close();
        output.close();
    }
}
