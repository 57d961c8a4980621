// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.fer4j.camera.internal.SyntheticVideo;
import org.fer4j.inference.ClassifierOptions;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Damaged video files through {@link VideoSource#video(Path)} run by {@link EmotionCamera}, with the
 * default detector and the sinks of {@code fer detect}: FFmpeg and OpenCV (native code) see every byte.
 * Each case ends normally (with the frames that could be decoded, and every output finished, or none when
 * there was no frame) or with an {@link IOException} that has a message and no half-written output, never
 * with another exception, a hang or a crash of the JVM. The damage is drawn from fixed seeds, so a failure names a case
 * that can be run again.
 */
class VideoFuzzTest {

    /** Frames of each undamaged video. */
    private static final int FRAMES = 12;
    /** Cases per seed video (a longer run: {@code -Dsurefire.extra=-Dfuzz.videoCases=200}). */
    private static final int CASES = Integer.getInteger("fuzz.videoCases", 20);
    /** Far above the second a case takes: only a reader or detector caught in a loop reaches it. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @TempDir
    static Path shared;

    private static EmotionClassifier classifier;

    @BeforeAll
    static void fixtures() throws Exception {
        classifier = EmotionClassifier.load(
                Fixtures.model(shared.resolve("model")),
                ClassifierOptions.defaults().withMaxConcurrency(1));
    }

    @AfterAll
    static void free() {
        classifier.close();
    }

    /**
     * The undamaged videos, each a face moving across 12 frames of 192x144: MPEG-4 in mp4 and avi, then the
     * same frames as H.264 in mp4 (what phones and cameras write) and VP8 in webm.
     */
    private static Map<String, byte[]> seeds() throws IOException {
        Path mpeg4 = shared.resolve("seed.mp4");
        Path avi = shared.resolve("seed.avi");
        BufferedImage face = Fixtures.faces().get(0);
        for (Path file : List.of(mpeg4, avi)) {
            SyntheticVideo.write(
                    file, 192, 144, 25, FRAMES, i -> List.of(new SyntheticVideo.Placement(face, 40 + 4 * i, 20, 96)));
        }
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("mpeg4.mp4", Files.readAllBytes(mpeg4));
        seeds.put("mpeg4.avi", Files.readAllBytes(avi));
        seeds.put("h264.mp4", transcode(mpeg4, shared.resolve("h264.mp4"), AV_CODEC_ID_H264));
        seeds.put("vp8.webm", transcode(mpeg4, shared.resolve("vp8.webm"), AV_CODEC_ID_VP8));
        return seeds;
    }

    private static byte[] transcode(Path source, Path target, int codec) throws IOException {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(source.toFile())) {
            in.start();
            try (FFmpegFrameRecorder out =
                    new FFmpegFrameRecorder(target.toFile(), in.getImageWidth(), in.getImageHeight(), 0)) {
                out.setVideoCodec(codec);
                out.setPixelFormat(AV_PIX_FMT_YUV420P);
                out.setFrameRate(in.getFrameRate());
                out.start();
                for (Frame f = in.grabImage(); f != null; f = in.grabImage()) {
                    out.record(f);
                }
                out.stop();
            }
            in.stop();
        }
        return Files.readAllBytes(target);
    }

    @Test
    void damagedVideosEndNormallyOrWithAnIOExceptionWithAMessage() throws Exception {
        List<String> failures = new ArrayList<>();
        int ended = 0;
        int failed = 0;
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            // The undamaged seed must play through, or the cases below would test nothing but rejection.
            assertThat(run(
                            Files.write(shared.resolve("undamaged-" + seed.getKey()), seed.getValue()),
                            Files.createDirectory(shared.resolve("out-" + seed.getKey()))))
                    .isEqualTo(FRAMES);
            for (int c = 0; c < CASES; c++) {
                Random random = new Random(seed.getKey().hashCode() * 1_000L + c);
                StringBuilder how = new StringBuilder();
                Path file = Files.write(
                        shared.resolve("case-" + c + "-" + seed.getKey()), damage(seed.getValue(), random, how));
                String name = seed.getKey() + " case " + c + " (" + how + ")";
                Path out = Files.createDirectory(shared.resolve("out-" + c + "-" + seed.getKey()));
                try {
                    long frames = assertTimeoutPreemptively(HANG, () -> run(file, out), name + " hung");
                    // A normal end finishes every output, or writes none when no frame could be read.
                    List<String> expected = frames == 0
                            ? List.of()
                            : List.of("annotated.mp4", "faces.jsonl", "summary.csv", "timeline.png");
                    if (!names(out).equals(expected)) {
                        failures.add(name + ": " + frames + " frames but the outputs are " + names(out));
                    }
                    ended++;
                } catch (AssertionFailedError e) {
                    throw e;
                } catch (Throwable e) {
                    // The timeout's thread rethrows the case's exception undeclared, so sort it here.
                    if (!(e instanceof IOException)) {
                        failures.add(name + ": " + e);
                    } else if (e.getMessage() == null || e.getMessage().isBlank()) {
                        failures.add(name + ": IOException without a message");
                    }
                    failed++;
                    if (names(out).stream().anyMatch(n -> n.contains(".partial"))) {
                        failures.add(name + ": a failed run left " + names(out));
                    }
                }
                Files.delete(file);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ended).isPositive();
        assertThat(failed).isPositive();
    }

    /** Runs {@code video} through the camera with the sinks of {@code fer detect} writing into {@code out}. */
    private static long run(Path video, Path out) throws Exception {
        try (EmotionCamera camera = EmotionCamera.builder()
                .setSource(VideoSource.video(video))
                .setClassifier(classifier)
                .optSink(FrameSink.annotatedVideo(out.resolve("annotated.mp4")))
                .optSink(FrameSink.jsonLines(out.resolve("faces.jsonl")))
                .optSink(FrameSink.summary(
                        out.resolve("summary.csv"), out.resolve("timeline.png"), new Fixtures.RecordingChart()))
                .build()) {
            return camera.run((result, frame) -> {});
        }
    }

    /** The file names in {@code folder}, sorted, hidden (temporary) ones included. */
    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Returns a damaged copy of a video: its container's structure (a box or chunk size, the first bytes),
     * its picture data (a run zeroed or scrambled, bits flipped), or its end cut off; {@code how} says which.
     */
    static byte[] damage(byte[] video, Random random, StringBuilder how) {
        byte[] b = video.clone();
        int kind = random.nextInt(5);
        if (kind == 0) {
            int cut = random.nextInt(b.length);
            how.append("cut at ").append(cut).append(" of ").append(b.length);
            return Arrays.copyOf(b, cut);
        }
        if (kind == 1) {
            // A size field of the container: an mp4 box or a RIFF chunk near the start, read as four bytes.
            int at = 4 * random.nextInt(Math.min(b.length, 1024) / 4);
            int[] sizes = {0, 1, 8, -1, random.nextInt(), b.length * 2};
            int size = sizes[random.nextInt(sizes.length)];
            how.append("size ").append(size).append(" at ").append(at);
            ByteBuffer.wrap(b, at, 4).putInt(size);
            return b;
        }
        int start = random.nextInt(b.length);
        int run = Math.min(b.length - start, 1 + random.nextInt(kind == 2 ? 4096 : 64));
        if (kind == 2) {
            how.append(run).append(" bytes zeroed at ").append(start);
            Arrays.fill(b, start, start + run, (byte) 0);
        } else if (kind == 3) {
            how.append(run).append(" bytes scrambled at ").append(start);
            for (int i = start; i < start + run; i++) {
                b[i] = (byte) random.nextInt(256);
            }
        } else {
            int flips = 1 + random.nextInt(32);
            how.append(flips).append(" bit flips");
            for (int i = 0; i < flips; i++) {
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return b;
    }
}
