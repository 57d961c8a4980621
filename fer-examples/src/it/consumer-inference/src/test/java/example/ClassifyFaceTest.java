package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.imageio.ImageIO;
import org.fer4j.core.Emotion;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EmotionPrediction;
import org.junit.jupiter.api.Test;

/** What a library user does first: load the bundled model and classify one face crop. */
class ClassifyFaceTest {

    @Test
    void theBundledModelLabelsAHappyFace() throws Exception {
        try (EmotionClassifier fer = EmotionClassifier.loadDefault()) {
            EmotionPrediction p = fer.predict(ImageIO.read(ClassifyFaceTest.class.getResource("/face.jpg")));
            assertEquals(Emotion.HAPPY, p.emotion(), p.toString());
            assertTrue(p.probability() > 0.5, p.toString());
        }
    }
}
