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

    /** Creates the chosen detector with its default options; the caller closes it. */
    FaceDetector open() throws IOException {
        return kind == Kind.HAAR ? HaarFaceDetector.create() : YuNetFaceDetector.create();
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
