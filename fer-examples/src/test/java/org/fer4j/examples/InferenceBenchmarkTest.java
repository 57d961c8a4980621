package org.fer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.core.Progress;
import org.junit.jupiter.api.Test;

class InferenceBenchmarkTest {

    @Test
    void theSoakSamplesMemoryAtExactCountsAndSaysWhetherItStayedFlat() {
        int[] made = {0};
        List<Integer> calls = new ArrayList<>();
        // 1,000 MiB, plus 50 bytes per prediction after the first 1,000: under the flat limit of 100.
        List<BenchmarkRow> flat = InferenceBenchmark.memorySoak(n -> {
            calls.add(n);
            made[0] += n;
        }, 100_000, " (test)", () -> 1000 * 1024 + Math.max(0, made[0] - 1000) * 50L / 1024, Progress.NONE);
        assertThat(made[0]).isEqualTo(100_000);
        assertThat(calls).allMatch(n -> n >= 1 && n <= 64);
        assertThat(flat).extracting(BenchmarkRow::benchmark).containsExactly(
                "resident memory after 1,000 of 100,000 predictions (test)",
                "resident memory after 10,000 of 100,000 predictions (test)",
                "resident memory after 50,000 of 100,000 predictions (test)",
                "resident memory after 100,000 of 100,000 predictions (test)",
                "resident memory growth from 1,000 to 100,000 predictions (test)",
                "resident memory flat from 1,000 to 100,000 predictions (test) (grew by under 100 bytes per prediction)");
        // 9,000 x 50 bytes = 439.45 KiB -> 439 KiB (integer KiB as /proc gives them) = 0.43 MiB, and so on.
        assertThat(flat).extracting(BenchmarkRow::value).containsExactly(1000.0, 1000.43, 1002.34, 1004.72, 4.72, "yes");

        made[0] = 0;
        // 200 bytes per prediction: a leak.
        List<BenchmarkRow> leak = InferenceBenchmark.memorySoak(n -> made[0] += n, 100_000, "",
                () -> 1000 * 1024 + made[0] * 200L / 1024, Progress.NONE);
        assertThat(leak.get(5).value()).isEqualTo("no");
    }

    @Test
    void noMemoryRowsWhereResidentMemoryCannotBeRead() {
        assertThat(InferenceBenchmark.memorySoak(n -> { }, 1000, "", () -> -1, Progress.NONE)).isEmpty();
    }
}
