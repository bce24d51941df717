package dev.strata.storage.compact;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.PartMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops parts whose newest row is older than the retention of their table and tenant: the
 * manifest first, the files after (once no scan holds them). Series parts are never dropped: they
 * describe series that older samples may still reference. Runs on one thread at a time.
 */
public final class RetentionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final PartCatalog catalog;
    private final StorageConfig config;

    public RetentionJob(PartCatalog catalog, StorageConfig config) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** The parts that are expired now. */
    public List<PartMeta> expired() {
        long now = config.clock().millis();
        List<PartMeta> expired = new ArrayList<>();
        for (PartMeta part : catalog.liveParts()) {
            Optional<Duration> retention = config.retention(part.table(), part.tenant());
            if (retention.isPresent() && part.maxTimeNanos() < TimeRange.millisToNanos(now - retention.get().toMillis())) {
                expired.add(part);
            }
        }
        return expired;
    }

    /** Drops every expired part in one manifest commit; returns how many. */
    public int runOnce() {
        List<PartMeta> expired = expired();
        if (expired.isEmpty()) {
            return 0;
        }
        List<String> ids = new ArrayList<>(expired.size());
        long rows = 0;
        for (PartMeta part : expired) {
            ids.add(part.id());
            rows += part.rowCount();
        }
        catalog.replaceParts(List.of(), ids);
        LOG.info("parts expired [parts={}, rows={}]", ids.size(), rows);
        return ids.size();
    }

    @Override
    public void run() {
        runOnce();
    }
}
