package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.camera.AnalyzedFace;
import org.fer4j.camera.FaceAnalyzer;
import org.fer4j.core.Emotion;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.Test;

/** A library user with whole photos: FaceAnalyzer finds the face and classifies it. */
class AnalyzePhotoTest {

    @Test
    void findsAndClassifiesTheFaceOfAPhoto() throws Exception {
        Path photo = Path.of(AnalyzePhotoTest.class.getResource("/photo.jpg").toURI());
        try (EmotionClassifier fer = EmotionClassifier.loadDefault();
                FaceAnalyzer analyzer = FaceAnalyzer.builder().setClassifier(fer).build()) {
            List<AnalyzedFace> faces = analyzer.analyze(photo);
            assertEquals(1, faces.size(), faces.toString());
            assertEquals(Emotion.HAPPY, faces.get(0).prediction().emotion(), faces.toString());
        }
    }
}
