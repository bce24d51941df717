package dev.strata.server.testing;

import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.storage.Store;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.WriteResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A store that counts lifecycle calls and keeps the sample batches written into it (only the
 * warm-up's throw-away store is written directly; ingest goes through the ingest service).
 */
public final class FakeStore implements Store {
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final List<SampleBatch> samples = new CopyOnWriteArrayList<>();

    /** The sample batches written, in order. */
    public List<SampleBatch> samples() {
        return List.copyOf(samples);
    }

    public int flushes() {
        return flushes.get();
    }

    public int closes() {
        return closes.get();
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    @Override
    public WriteResult writeSamples(String tenant, SampleBatch batch) {
        samples.add(batch);
        return WriteResult.accepted(batch.sampleCount());
    }

    @Override
    public WriteResult writeLogs(String tenant, LogBatch batch) {
        throw new UnsupportedOperationException("the server writes through the ingest service");
    }

    @Override
    public WriteResult writeSpans(String tenant, SpanBatch batch) {
        throw new UnsupportedOperationException("the server writes through the ingest service");
    }

    @Override
    public Set<String> tenants() {
        return Set.of();
    }

    @Override
    public Schema schema(String table) {
        throw new UnsupportedOperationException("no scans in server tests");
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        throw new UnsupportedOperationException("no scans in server tests");
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        throw new UnsupportedOperationException("no scans in server tests");
    }
}
