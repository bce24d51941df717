package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;
import dev.strata.storage.head.TenantHead;

/**
 * A snapshot of one tenant's rows of one table in one head generation, taken when the splits
 * were planned: rows appended later are not in it.
 *
 * @param snapshot a {@code SamplesSnapshot}, {@code LogsSnapshot} or {@code SpansSnapshot}
 */
record HeadSplit(String table, String tenant, Object snapshot, long estimatedRows) implements Split {
    HeadSplit {
        requireNonNull(table, "table is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(snapshot, "snapshot is null");
        if (!(snapshot instanceof TenantHead.SamplesSnapshot || snapshot instanceof TenantHead.LogsSnapshot
                || snapshot instanceof TenantHead.SpansSnapshot)) {
            throw new IllegalArgumentException("not a head snapshot: " + snapshot.getClass());
        }
    }

    @Override
    public String describe() {
        return "head " + table + " tenant=" + tenant + " rows<=" + estimatedRows;
    }
}
