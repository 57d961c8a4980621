// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.fer4j.core.TestTimeAugmentation;
import org.fer4j.inference.EmotionClassifier;
import org.junit.jupiter.api.Test;

/** The benchmark's rows time what the commands they stand for run. */
class BenchmarkTiesTest {

    @Test
    void cameraRowsClassifyAsFerDetectDoes() throws Exception {
        // The bundled model names ten-crop; fer detect and the camera rows must both override it.
        try (EmotionClassifier bundled = EmotionClassifier.loadDefault()) {
            assertThat(bundled.testTimeAugmentation()).isNotEqualTo(DetectCommand.VIDEO_TTA);
        }
        try (EmotionClassifier camera = CameraBenchmark.classifier(null)) {
            assertThat(camera.testTimeAugmentation())
                    .isEqualTo(DetectCommand.VIDEO_TTA)
                    .isEqualTo(TestTimeAugmentation.NONE);
        }
    }

    @Test
    void peakRowsReadTheCpuFlags() {
        assertThat(PeakBenchmark.hasBf16("processor\t: 0\nflags\t\t: fpu avx512f avx512_bf16 avx512_vnni\n"))
                .isTrue();
        assertThat(PeakBenchmark.hasBf16("flags\t\t: fpu sse2 avx2 fma\n")).isFalse();
        PeakBenchmark.Peaks peaks = new PeakBenchmark.Peaks(200, 0, "the CPU has no avx512_bf16/amx_bf16");
        BenchmarkRow achieved = PeakBenchmark.achieved("batch-64 throughput", 500, 2.0 * 118_040_320, peaks);
        assertThat(((Number) achieved.value()).doubleValue()).isEqualTo(118.04);
        assertThat(achieved.benchmark()).contains("59% of the fp32 peak");
        assertThat(PeakBenchmark.rows(peaks).get(1).value()).isEqualTo("not measured");
    }
}
