package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.ScratchPages;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

final class TestSampleArena {
    @Test
    void runsKeepTheirSamplesAcrossPagesAndCloseFreesEveryPage() {
        try (RootAllocator allocator = new RootAllocator()) {
            try (SampleArena arena = new SampleArena(ScratchPages.none(), allocator)) {
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
                assertThat(allocator.getAllocatedMemory()).isGreaterThanOrEqualTo(ScratchPages.PAGE_BYTES + 100_000L * SampleArena.SAMPLE_BYTES);

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

    @Test
    void pagesGoBackToTheScratchPoolAndServeTheNextArena() {
        try (RootAllocator allocator = new RootAllocator(); ScratchPages scratch = ScratchPages.keeping(2L * ScratchPages.PAGE_BYTES)) {
            long firstPage;
            try (SampleArena arena = new SampleArena(scratch, allocator)) {
                firstPage = arena.reserve(10);
                arena.commit(firstPage, 10);
                // the query's allocator lends nothing for pages the pool keeps
                assertThat(allocator.getAllocatedMemory()).isZero();
            }
            assertThat(scratch.keptBytes()).isEqualTo(ScratchPages.PAGE_BYTES);
            try (SampleArena arena = new SampleArena(scratch, allocator)) {
                long reused = arena.reserve(10);
                assertThat(reused).isEqualTo(firstPage);
                arena.commit(reused, 10);
                assertThat(scratch.keptBytes()).isZero();
                // beyond the two pages the pool keeps, pages come from the query and are freed
                int fullPage = ScratchPages.PAGE_BYTES / SampleArena.SAMPLE_BYTES;
                arena.commit(arena.reserve(fullPage), fullPage);
                arena.commit(arena.reserve(fullPage), fullPage);
                assertThat(allocator.getAllocatedMemory()).isEqualTo(ScratchPages.PAGE_BYTES);
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
            assertThat(scratch.keptBytes()).isEqualTo(2L * ScratchPages.PAGE_BYTES);
        }
    }
}
