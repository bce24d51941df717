package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StandardErrorCode;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table source that fails a query's scans once its deadline has passed: the PromQL engine has
 * no cancellation of its own, and scanning is where a long query spends its time, so checking
 * before every split and batch bounds how far past the deadline a query runs.
 */
final class DeadlineTableSource implements TableSource {
    static final String TIMEOUT_MESSAGE = "query timed out in query execution";

    private final TableSource delegate;
    private final InstantSource clock;
    private final long deadlineMillis;

    DeadlineTableSource(TableSource delegate, InstantSource clock, long deadlineMillis) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.deadlineMillis = deadlineMillis;
    }

    /** Throws Prometheus's timeout error once the deadline is reached. */
    void check() {
        if (clock.millis() >= deadlineMillis) {
            throw new StrataException(StandardErrorCode.EXCEEDED_TIME_LIMIT, TIMEOUT_MESSAGE);
        }
    }

    @Override
    public Set<String> tenants() {
        return delegate.tenants();
    }

    @Override
    public Schema schema(String table) {
        return delegate.schema(table);
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        check();
        return delegate.splits(request);
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        check();
        BatchReader reader = delegate.open(request, split, allocator);
        return new BatchReader() {
            @Override
            public boolean loadNext() {
                check();
                return reader.loadNext();
            }

            @Override
            public VectorSchemaRoot root() {
                return reader.root();
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public void release(List<Split> splits) {
        delegate.release(splits);
    }
}
