import ai.djl.modality.cv.ImageFactory;
import ai.djl.opencv.OpenCVImageFactory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.fer4j.core.internal.ImageDecoding;
import org.fer4j.core.Preprocessing;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decode + grey + 48x48 + [0, 1] of fer4j's preprocessing (ImageIO and Java2D-free Java code) against the
 * same steps through DJL's OpenCV extension (ai.djl.opencv:opencv 0.32.0, OpenCV 4.9 from OpenPnP), on
 * the FER-2013 test split and on generated 1280x960 colour JPEG photos. One thread each; five rounds,
 * the paths taking turns; prints the median time per image and how far the inputs differ.
 * Run: java -cp "DJL_OPENCV_JAR:OPENPNP_OPENCV_JAR:fer-examples/target/lib/*" docs/measurements/OpenCvDecode.java FER_TEST_DIR
 * with OpenPnP's jar before JavaCV's, which ship the org.opencv classes too (docs/architecture.md, "Why not
 * DJL's OpenCV extension", says where the jars come from and why the order matters).
 */
public class OpenCvDecode {

    public static void main(String[] args) throws Exception {
        ImageFactory factory = new OpenCVImageFactory();
        Core.setNumThreads(1);
        Preprocessing pre = Preprocessing.standard();
        List<Path> faces;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            faces = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> photos = photos(faces, Files.createTempDirectory("opencv-decode"), 100);

        Function<Path, float[]> imageIo = p -> {
            try {
                return pre.toInput(ImageDecoding.read(p));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        };
        Function<Path, float[]> djlOpenCv = p -> {
            try {
                // What DJL's ImageFactory gives with the extension on the class path: a BGR Mat.
                return fromBgr((Mat) factory.fromFile(p).getWrappedImage());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        };
        Function<Path, float[]> openCvGrey = p -> {
            Mat grey = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_GRAYSCALE);
            return scaled(grey);
        };
        for (List<Path> set : List.of(faces, photos)) {
            String name = set == faces ? faces.size() + " FER-2013 test files (48x48 grey JPEG)"
                    : photos.size() + " photos (1280x960 colour JPEG)";
            double[][] ms = new double[3][5];
            for (int round = 0; round < 5; round++) {
                ms[0][round] = time(set, imageIo);
                ms[1][round] = time(set, djlOpenCv);
                ms[2][round] = time(set, openCvGrey);
            }
            double maxDiff = 0;
            double sumDiff = 0;
            for (Path p : set) {
                float[] a = imageIo.apply(p);
                float[] b = djlOpenCv.apply(p);
                for (int i = 0; i < a.length; i++) {
                    double d = Math.abs(a[i] - b[i]) * 255;
                    maxDiff = Math.max(maxDiff, d);
                    sumDiff += d;
                }
            }
            System.out.printf(Locale.ROOT, "%s: ms per image (median of 5) ImageIO %.3f, DJL OpenCV %.3f, OpenCV grey"
                    + " decode %.3f; ImageIO vs DJL OpenCV inputs differ by %.3f grey levels on average, %.1f at most%n",
                    name, median(ms[0]), median(ms[1]), median(ms[2]), sumDiff / set.size() / Preprocessing.PIXELS,
                    maxDiff);
        }
    }

    private static float[] fromBgr(Mat bgr) {
        Mat grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        bgr.release();
        return scaled(grey);
    }

    /** Grey 8-bit Mat to the network input: 48x48 (area when shrinking, bilinear when growing), [0, 1]. */
    private static float[] scaled(Mat grey) {
        Mat small = new Mat();
        boolean shrink = grey.cols() >= Preprocessing.SIZE && grey.rows() >= Preprocessing.SIZE;
        Imgproc.resize(grey, small, new Size(Preprocessing.SIZE, Preprocessing.SIZE), 0, 0,
                shrink ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        Mat f = new Mat();
        small.convertTo(f, CvType.CV_32F, 1 / 255.0);
        float[] out = new float[Preprocessing.PIXELS];
        f.get(0, 0, out);
        grey.release();
        small.release();
        f.release();
        return out;
    }

    private static double time(List<Path> set, Function<Path, float[]> path) {
        long t = System.nanoTime();
        double sink = 0;
        for (Path p : set) {
            sink += path.apply(p)[0];
        }
        if (sink < -1) {
            System.out.println(sink);
        }
        return (System.nanoTime() - t) / 1e6 / set.size();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** Writes {@code n} colour photos: four faces each, scaled up smoothly onto a tinted background. */
    private static List<Path> photos(List<Path> faces, Path dir, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage photo = new BufferedImage(1280, 960, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = photo.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setColor(new java.awt.Color(90 + i % 100, 120, 160 - i % 60));
            g.fillRect(0, 0, 1280, 960);
            for (int k = 0; k < 4; k++) {
                BufferedImage face = ImageIO.read(faces.get((i * 4 + k) * 7 % faces.size()).toFile());
                g.drawImage(face, 40 + 300 * k, 200 + 40 * k, 280, 280, null);
            }
            g.dispose();
            Path file = dir.resolve("photo-" + i + ".jpg");
            ImageIO.write(photo, "jpg", file.toFile());
            out.add(file);
        }
        return out;
    }
}
