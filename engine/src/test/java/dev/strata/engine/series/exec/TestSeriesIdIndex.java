package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestSeriesIdIndex {
    @Test
    void findsEveryIdAfterGrowingAndKeepsInsertionOrder() {
        SeriesIdIndex<String> index = new SeriesIdIndex<>();
        assertThat(index.isEmpty()).isTrue();
        // ids are arbitrary longs (stable hashes): zero, negatives and colliding low bits included
        long[] ids = new long[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i % 2 == 0 ? -1L : 1L) * ((long) i << 32);
        }
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], "s" + i);
        }
        assertThat(index.size()).isEqualTo(1000);
        for (int i = 0; i < ids.length; i++) {
            assertThat(index.get(ids[i])).isEqualTo("s" + i);
            assertThat(index.valueAt(i)).isEqualTo("s" + i);
        }
        assertThat(index.get(7)).isNull();
        assertThat(index.get(Long.MIN_VALUE)).isNull();
    }
}
