// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.io.IOException;
import java.util.Locale;
import org.fer4j.camera.FaceDetector;
import org.fer4j.camera.YuNetFaceDetector;
import org.fer4j.camera.internal.HaarFaceDetector;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --detector yunet|haar} option shared by the commands that find faces. */
final class DetectorOption {

    /** The built-in face detectors. */
    enum Kind {
        YUNET,
        HAAR
    }

    @Option(
            names = "--detector",
            paramLabel = "yunet|haar",
            defaultValue = "yunet",
            converter = KindConverter.class,
            description = "Face detector: yunet (default; landmarks, turns faces upright) or haar (boxes only).")
    Kind kind = Kind.YUNET;

    @Option(
            names = "--min-face",
            paramLabel = "PX",
            description = "Smallest face to find, in pixels of the image (yunet: 20 for photos and video files,"
                    + " 40 for cameras and streams; haar: 64; larger is faster).")
    Integer minFace;

    /**
     * Creates the chosen detector; the caller closes it.
     *
     * @param live whether it is for a camera or stream, which must keep up with the frames: YuNet then scans
     *     coarsely on most frames and in full every few (see {@code EmotionCamera.Builder#optFullScanEvery})
     */
    FaceDetector open(boolean live) throws IOException {
        return open(kind, live, minFace);
    }

    /** Creates a detector of the given kind, as {@link #open(boolean)}, finding faces of {@code minFace} px and up (null: the default). */
    static FaceDetector open(Kind kind, boolean live, Integer minFace) throws IOException {
        if (kind == Kind.HAAR) {
            HaarFaceDetector.Builder haar = HaarFaceDetector.builder();
            if (minFace != null) {
                haar.optMinFaceSize(minFace);
            }
            return haar.build();
        }
        YuNetFaceDetector.Builder yunet = live ? YuNetFaceDetector.live() : YuNetFaceDetector.builder();
        if (minFace != null) {
            yunet.optMinFaceSize(minFace);
        }
        return yunet.build();
    }

    /** Returns why {@code --min-face} is unusable, or null when it is fine; a usage error. */
    String problem() {
        if (minFace != null && minFace < 8) {
            return "--min-face must be at least 8 pixels, got " + minFace;
        }
        return null;
    }

    /** Reads the detector name in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected yunet or haar, got '" + value + "'");
            }
        }
    }
}
