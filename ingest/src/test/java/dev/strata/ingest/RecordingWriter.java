package dev.strata.ingest;

import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import java.util.ArrayList;
import java.util.List;

/** A {@link TelemetryWriter} that keeps every batch it is given, for assertions. */
public final class RecordingWriter implements TelemetryWriter {
    public final List<SampleBatch> samples = new ArrayList<>();
    public final List<LogBatch> logs = new ArrayList<>();
    public final List<SpanBatch> spans = new ArrayList<>();
    public final List<String> tenants = new ArrayList<>();

    @Override
    public synchronized WriteResult writeSamples(String tenant, SampleBatch batch) {
        tenants.add(tenant);
        samples.add(batch);
        return WriteResult.accepted(batch.sampleCount());
    }

    @Override
    public synchronized WriteResult writeLogs(String tenant, LogBatch batch) {
        tenants.add(tenant);
        logs.add(batch);
        return WriteResult.accepted(batch.entryCount());
    }

    @Override
    public synchronized WriteResult writeSpans(String tenant, SpanBatch batch) {
        tenants.add(tenant);
        spans.add(batch);
        return WriteResult.accepted(batch.spans().size());
    }

    public int writes() {
        return samples.size() + logs.size() + spans.size();
    }
}
