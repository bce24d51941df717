package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

/**
 * What the manifest records of one immutable Parquet part.
 *
 * @param id unique, time-sortable id (ULID text)
 * @param relativePath path of the Parquet file relative to {@code <data-dir>}, e.g.
 *     {@code parts/samples/tenant=t/day=2026-11-23/01J….parquet}
 * @param minTimeNanos smallest time in the part (Unix ns), {@code maxTimeNanos} the largest
 * @param minId smallest series/stream id (0 for spans), {@code maxId} the largest
 * @param level 0 when sealed from the head, +1 for every compaction that produced it
 */
public record PartMeta(
        String id,
        String table,
        String tenant,
        String relativePath,
        long rowCount,
        long sizeBytes,
        long minTimeNanos,
        long maxTimeNanos,
        long minId,
        long maxId,
        int level) {
    public PartMeta {
        requireNonNull(id, "id is null");
        requireNonNull(table, "table is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(relativePath, "relativePath is null");
    }
}
