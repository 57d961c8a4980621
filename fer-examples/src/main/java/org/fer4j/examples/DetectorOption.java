package org.fer4j.examples;

import java.io.IOException;
import java.util.Locale;
import org.fer4j.camera.FaceDetector;
import org.fer4j.camera.HaarFaceDetector;
import org.fer4j.camera.YuNetFaceDetector;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --detector yunet|haar} option shared by the commands that find faces. */
final class DetectorOption {

    /** The built-in face detectors. */
    enum Kind {
        YUNET, HAAR
    }

    @Option(names = "--detector", paramLabel = "yunet|haar", defaultValue = "yunet", converter = KindConverter.class,
            description = "Face detector: yunet (default; landmarks, turns faces upright) or haar (boxes only).")
    Kind kind = Kind.YUNET;

    /**
     * Creates the chosen detector; the caller closes it.
     *
     * @param video whether it is for frames of a video or camera, which YuNet scans at a lower resolution
     */
    FaceDetector open(boolean video) throws IOException {
        return open(kind, video);
    }

    /** Creates a detector of the given kind, as {@link #open(boolean)}. */
    static FaceDetector open(Kind kind, boolean video) throws IOException {
        if (kind == Kind.HAAR) {
            return HaarFaceDetector.create();
        }
        return video ? YuNetFaceDetector.builder().optMaxInputSide(YuNetFaceDetector.VIDEO_MAX_INPUT_SIDE).build()
                : YuNetFaceDetector.create();
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
