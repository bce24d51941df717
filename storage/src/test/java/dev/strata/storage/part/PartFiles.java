package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes test rows as a part under {@code <dataDir>/parts/<table>/tenant=<t>/day=2026-11-23/}. */
final class PartFiles {
    private PartFiles() {}

    static PartMeta write(Path dataDir, String table, String tenant, String id, List<List<Object>> rows, PartWriterConfig config)
            throws Exception {
        String relative = "parts/" + table + "/tenant=" + tenant + "/day=2026-11-23/" + id + ".parquet";
        try (BufferAllocator allocator = new RootAllocator()) {
            // two batches of different sizes, so the writer crosses batch boundaries inside row groups
            List<VectorSchemaRoot> batches = new ArrayList<>();
            int third = rows.size() / 3;
            batches.add(ArrowRows.toRoot(StoredSchemas.schema(table), rows.subList(0, third), allocator));
            batches.add(ArrowRows.toRoot(StoredSchemas.schema(table), rows.subList(third, rows.size()), allocator));
            try {
                return new ParquetPartWriter(config).write(new PartSpec(id, table, tenant, relative, 0), batches.iterator(),
                        dataDir.resolve(relative));
            } finally {
                batches.forEach(VectorSchemaRoot::close);
                assertThat(allocator.getAllocatedMemory()).isZero();
            }
        }
    }
}
