package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.spi.table.TelemetryTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compare.VectorEqualsVisitor;
import org.apache.arrow.vector.complex.MapVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestArrowColumns {
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void repeatedRunsEqualRowByRowWritesAcrossReallocations() {
        List<Labels> sets = List.of(
                Labels.of("__name__", "up", "job", "api", "instance", "a"),
                Labels.of("__name__", "only_a_name"),
                Labels.of("zone", "ünïcødé", "job", "x".repeat(300)),
                Labels.EMPTY);
        int[] runs = {1, 3, 700, 2, 5000, 1, 64, 9};
        try (VectorSchemaRoot bulk = VectorSchemaRoot.create(TelemetryTables.project(TelemetryTables.SAMPLES, List.of("metric", "labels")),
                allocator);
                VectorSchemaRoot single = VectorSchemaRoot.create(
                        TelemetryTables.project(TelemetryTables.SAMPLES, List.of("metric", "labels")), allocator)) {
            // twice: the second round writes into buffers reset, not freshly allocated
            for (int round = 0; round < 2; round++) {
                bulk.getFieldVectors().forEach(v -> v.reset());
                single.getFieldVectors().forEach(v -> v.reset());
                int row = 0;
                for (int r = 0; r < runs.length; r++) {
                    Labels labels = sets.get(r % sets.size());
                    byte[] metric = (labels.metricName() == null ? "" : labels.metricName()).getBytes(StandardCharsets.UTF_8);
                    ArrowColumns.EncodedLabels encoded = ArrowColumns.EncodedLabels.of(labels, true);
                    ArrowColumns.setRepeated((VarCharVector) bulk.getVector(0), row, runs[r], metric);
                    ArrowColumns.setRepeated((MapVector) bulk.getVector(1), row, runs[r], encoded);
                    for (int i = 0; i < runs[r]; i++) {
                        ((VarCharVector) single.getVector(0)).setSafe(row + i, metric);
                        ArrowColumns.setLabels((MapVector) single.getVector(1), row + i, labels, true);
                    }
                    row += runs[r];
                }
                bulk.setRowCount(row);
                single.setRowCount(row);
                for (int c = 0; c < 2; c++) {
                    assertThat(VectorEqualsVisitor.vectorEquals(bulk.getVector(c), single.getVector(c))).isTrue();
                }
                assertThat(bulk.getVector(1).getObject(row - 1).toString()).isEqualTo(single.getVector(1).getObject(row - 1).toString());
                assertThat(bulk.contentToTSVString()).isEqualTo(single.contentToTSVString());
            }
        }
    }
}
