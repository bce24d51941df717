package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;
import dev.strata.storage.manifest.LivePart;

/**
 * One sealed part, referenced until the snapshot is released.
 *
 * @param ids sorted series/stream ids the index selected, or null for all
 */
record PartSplit(LivePart part, long[] ids) implements Split {
    PartSplit {
        requireNonNull(part, "part is null");
    }

    @Override
    public String describe() {
        return "part " + part.meta().id() + " " + part.meta().relativePath() + (ids == null ? "" : " ids=" + ids.length);
    }

    @Override
    public long estimatedRows() {
        return part.meta().rowCount();
    }
}
