package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

final class TestSampleArena {
    @Test
    void runsKeepTheirSamplesAcrossPagesAndCloseFreesEveryPage() {
        try (RootAllocator allocator = new RootAllocator()) {
            try (SampleArena arena = new SampleArena(allocator)) {
                long first = arena.reserve(10);
                for (int i = 0; i < 4; i++) {
                    SampleArena.put(first, i, 1_000L * i, Double.doubleToRawLongBits(i + 0.5));
                }
                arena.commit(first, 4);
                // the unused 6 samples of the reservation are the next run's
                long second = arena.reserve(2);
                assertThat(second).isEqualTo(first + 4L * SampleArena.SAMPLE_BYTES);
                SampleArena.put(second, 0, 9_000, Double.doubleToRawLongBits(-1));
                arena.commit(second, 1);
                // larger than what is left of a 1 MiB page: a page of its own
                int large = 100_000;
                long third = arena.reserve(large);
                SampleArena.put(third, large - 1, 42, Double.doubleToRawLongBits(Double.NaN));
                arena.commit(third, large);
                assertThat(allocator.getAllocatedMemory()).isGreaterThanOrEqualTo(2L << 20);

                assertThat(SampleArena.ts(first, 3)).isEqualTo(3_000);
                assertThat(SampleArena.value(first, 3)).isEqualTo(3.5);
                assertThat(SampleArena.ts(second, 0)).isEqualTo(9_000);
                assertThat(SampleArena.value(second, 0)).isEqualTo(-1);
                assertThat(SampleArena.ts(third, large - 1)).isEqualTo(42);
                assertThat(SampleArena.value(third, large - 1)).isNaN();
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }
}
