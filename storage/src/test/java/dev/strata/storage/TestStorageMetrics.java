package dev.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.storage.testing.FixedClock;
import dev.strata.storage.testing.IpcPartReader;
import dev.strata.storage.testing.IpcPartWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestStorageMetrics {
    @TempDir
    Path dir;

    @Test
    void writesFlushesAndPartsAreCounted() {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (ColumnStore store = ColumnStore.open(StorageConfig.builder(dir).clock(new FixedClock(TestColumnStore.NOW)).build(),
                    new IpcPartWriter(allocator), new IpcPartReader(), registry, allocator)) {
                store.writeSamples("t1", TestColumnStore.samples(Labels.of("__name__", "up"), TestColumnStore.T0, 1, TestColumnStore.T0 + 1, 2));
                store.writeLogs("t1", TestColumnStore.logs());
                MetricSnapshots before = registry.scrape();
                assertThat(gauge(before, "strata_head_rows", "samples")).isEqualTo(2);
                assertThat(gauge(before, "strata_head_rows", "logs")).isEqualTo(3);
                assertThat(gauge(before, "strata_head_series", "samples")).isEqualTo(1);
                assertThat(gauge(before, "strata_head_series", "logs")).isEqualTo(2);
                store.flush();
                MetricSnapshots after = registry.scrape();
                assertThat(counter(after, "strata_storage_rows_written", "samples")).isEqualTo(2);
                assertThat(counter(after, "strata_storage_rows_written", "logs")).isEqualTo(3);
                assertThat(gauge(after, "strata_parts", "samples")).isEqualTo(1);
                assertThat(gauge(after, "strata_parts", "series")).isEqualTo(1);
                assertThat(gauge(after, "strata_part_bytes", "logs")).isPositive();
                assertThat(gauge(after, "strata_head_rows", "samples")).isZero();
                assertThat(counter(after, "strata_wal_records", null)).isEqualTo(3); // series + samples + logs
                HistogramSnapshot fsync = (HistogramSnapshot) find(after, "strata_wal_fsync_duration_seconds");
                assertThat(fsync.getDataPoints().get(0).getCount()).isGreaterThanOrEqualTo(2);
                assertThat(counter(after, "strata_storage_job_runs", "flush")).isEqualTo(1);
            }
        }
    }

    private static MetricSnapshot find(MetricSnapshots snapshots, String name) {
        for (MetricSnapshot s : snapshots) {
            if (s.getMetadata().getPrometheusName().equals(name) || s.getMetadata().getName().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static boolean labelled(DataPointSnapshot point, String firstLabel) {
        return firstLabel == null || point.getLabels().stream().anyMatch(l -> l.getValue().equals(firstLabel));
    }

    private static double gauge(MetricSnapshots snapshots, String name, String label) {
        for (GaugeSnapshot.GaugeDataPointSnapshot p : ((GaugeSnapshot) find(snapshots, name)).getDataPoints()) {
            if (labelled(p, label)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no " + name + " for " + label);
    }

    private static double counter(MetricSnapshots snapshots, String name, String label) {
        for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) find(snapshots, name)).getDataPoints()) {
            if (labelled(p, label)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no " + name + " for " + label);
    }
}
