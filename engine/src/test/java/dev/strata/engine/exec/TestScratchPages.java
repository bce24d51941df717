package dev.strata.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

final class TestScratchPages {
    @Test
    void keptPagesServeTheNextQueryAndTheRestAreTheQuerys() {
        try (RootAllocator query = new RootAllocator(); ScratchPages scratch = ScratchPages.keeping(ScratchPages.PAGE_BYTES)) {
            ArrowBuf kept = scratch.take(query);
            ArrowBuf beyond = scratch.take(query);
            assertThat(kept.capacity()).isEqualTo(ScratchPages.PAGE_BYTES);
            assertThat(query.getAllocatedMemory()).isEqualTo(ScratchPages.PAGE_BYTES);
            long address = kept.memoryAddress();
            scratch.give(kept);
            scratch.give(beyond);
            assertThat(query.getAllocatedMemory()).isZero();
            assertThat(scratch.keptBytes()).isEqualTo(ScratchPages.PAGE_BYTES);
            ArrowBuf again = scratch.take(query);
            assertThat(again.memoryAddress()).isEqualTo(address);
            scratch.give(again);
        }
    }

    @Test
    void aPageLentAtCloseIsFreedWhenGivenBack() {
        try (RootAllocator query = new RootAllocator()) {
            ScratchPages scratch = ScratchPages.keeping(4L * ScratchPages.PAGE_BYTES);
            ArrowBuf lent = scratch.take(query);
            scratch.give(scratch.take(query));
            scratch.close();
            assertThat(scratch.keptBytes()).isZero();
            // once closed nothing is kept: a page taken now is the query's
            ArrowBuf late = scratch.take(query);
            assertThat(query.getAllocatedMemory()).isEqualTo(ScratchPages.PAGE_BYTES);
            scratch.give(late);
            scratch.give(lent);
            assertThat(scratch.keptBytes()).isZero();
            assertThat(lent.refCnt()).isZero();
            assertThat(query.getAllocatedMemory()).isZero();
        }
    }

    @Test
    void nonePoolKeepsNothing() {
        try (RootAllocator query = new RootAllocator()) {
            ScratchPages none = ScratchPages.none();
            ArrowBuf page = none.take(query);
            assertThat(query.getAllocatedMemory()).isEqualTo(ScratchPages.PAGE_BYTES);
            none.give(page);
            assertThat(query.getAllocatedMemory()).isZero();
            assertThat(none.keptBytes()).isZero();
        }
    }
}
