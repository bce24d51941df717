package dev.strata.server;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The open backend's store as a {@link TableSource}, so that query services can be built when
 * the server is constructed, before the store opens; a scan before then fails with
 * {@link ServerErrorCode#NOT_READY}. Thread-safe.
 */
public final class BackendTableSource implements TableSource {
    private final BackendSlot backend;

    public BackendTableSource(BackendSlot backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    @Override
    public Set<String> tenants() {
        return backend.require().store().tenants();
    }

    @Override
    public Schema schema(String table) {
        return backend.require().store().schema(table);
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        return backend.require().store().splits(request);
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        return backend.require().store().open(request, split, allocator);
    }

    @Override
    public void release(List<Split> splits) {
        backend.require().store().release(splits);
    }
}
