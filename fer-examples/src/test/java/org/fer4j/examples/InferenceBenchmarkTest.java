// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.Progress;
import org.junit.jupiter.api.Test;

class InferenceBenchmarkTest {

    @Test
    void theSoakSamplesMemoryAtExactCountsAndJudgesFlatnessOnItsSecondHalf() {
        int[] made = {0};
        List<Integer> calls = new ArrayList<>();
        // 1,000 MiB, then 100 MiB more in one step at 20,000 (an allocator growing its pool), then 50 bytes per
        // prediction: under the flat limit of 100 over the second half.
        List<BenchmarkRow> flat = InferenceBenchmark.memorySoak(
                n -> {
                    calls.add(n);
                    made[0] += n;
                },
                100_000,
                " (test)",
                () -> 1000 * 1024 + (made[0] >= 20_000 ? 100 * 1024 : 0) + made[0] * 50L / 1024,
                Progress.NONE);
        assertThat(made[0]).isEqualTo(100_000);
        assertThat(calls).allMatch(n -> n >= 1 && n <= 64);
        assertThat(flat)
                .extracting(BenchmarkRow::benchmark)
                .containsExactly(
                        "resident memory after 1,000 of 100,000 predictions (test)",
                        "resident memory after 10,000 of 100,000 predictions (test)",
                        "resident memory after 50,000 of 100,000 predictions (test)",
                        "resident memory after 100,000 of 100,000 predictions (test)",
                        "resident memory growth from 1,000 to 100,000 predictions (test)",
                        "resident memory growth from 50,000 to 100,000 predictions (test)",
                        "resident memory flat from 50,000 to 100,000 predictions (test) (grew by under 100 bytes per prediction)");
        // 1,000 x 50 bytes = 48 KiB (integer KiB, as /proc gives them) = 0.05 MiB; 10,000 x 50 = 488 KiB = 0.48 MiB;
        // 50,000 x 50 = 2441 KiB = 2.38 MiB, plus the 100 MiB step; 100,000 x 50 = 4882 KiB = 4.77 MiB, plus it;
        // the second half grew by 4882 - 2441 = 2441 KiB = 2.38 MiB, 49.99 bytes per prediction.
        assertThat(flat)
                .extracting(BenchmarkRow::value)
                .containsExactly(1000.05, 1000.48, 1102.38, 1104.77, 104.72, 2.38, "yes");

        made[0] = 0;
        // 200 bytes per prediction all along: a leak.
        List<BenchmarkRow> leak = InferenceBenchmark.memorySoak(
                n -> made[0] += n, 100_000, "", () -> 1000 * 1024 + made[0] * 200L / 1024, Progress.NONE);
        assertThat(leak.get(6).value()).isEqualTo("no");
    }

    @Test
    void noMemoryRowsWhereResidentMemoryCannotBeRead() {
        assertThat(InferenceBenchmark.memorySoak(n -> {}, 1000, "", () -> -1, Progress.NONE))
                .isEmpty();
    }
}
