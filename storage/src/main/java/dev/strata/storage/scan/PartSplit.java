package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;
import dev.strata.storage.manifest.LivePart;

/**
 * Row groups {@code [firstRowGroup, endRowGroup)} of one sealed part, referenced until the
 * snapshot is released (each split of a part holds its own reference). A part is cut at row
 * groups so that a query's workers can read one part in parallel; splits of one part in order
 * return its rows in file order.
 *
 * @param ids sorted series/stream ids the index selected, or null for all
 */
record PartSplit(LivePart part, long[] ids, int firstRowGroup, int endRowGroup) implements Split {
    PartSplit {
        requireNonNull(part, "part is null");
        if (firstRowGroup < 0 || endRowGroup <= firstRowGroup) {
            throw new IllegalArgumentException("empty row-group range [" + firstRowGroup + ", " + endRowGroup + ")");
        }
    }

    @Override
    public String describe() {
        return "part " + part.meta().id() + " " + part.meta().relativePath() + " (rowgroups " + firstRowGroup + "-" + (endRowGroup - 1) + ")"
                + (ids == null ? "" : " ids=" + ids.length);
    }

    @Override
    public long estimatedRows() {
        return part.meta().rowCount();
    }
}
