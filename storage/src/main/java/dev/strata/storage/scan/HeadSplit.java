package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;
import dev.strata.storage.head.TenantHead;

/**
 * A snapshot of one tenant's rows of one table in one head generation, taken when the splits
 * were planned (rows appended later are not in it), or one slice of such a snapshot: whole
 * series/streams of a contiguous id range, disjoint from the generation's other slices.
 */
record HeadSplit(String table, String tenant, TenantHead.Snapshot snapshot) implements Split {
    HeadSplit {
        requireNonNull(table, "table is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(snapshot, "snapshot is null");
    }

    @Override
    public long estimatedRows() {
        return snapshot.rows();
    }

    @Override
    public String describe() {
        return "head " + table + " tenant=" + tenant + " rows<=" + snapshot.rows();
    }
}
