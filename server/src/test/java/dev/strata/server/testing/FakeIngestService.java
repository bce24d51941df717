package dev.strata.server.testing;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.IngestService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Records every call and answers with a programmable outcome: by default every body counts as one
 * accepted row; {@link #answer} replaces that (an outcome, or a thrown exception).
 */
public final class FakeIngestService implements IngestService {
    /** One recorded call. */
    public record Call(String protocol, String tenant, IngestRequest request) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Supplier<IngestOutcome> answer = () -> new IngestOutcome(1, 0, null);

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    /** The next calls return (or throw) what {@code answer} gives. */
    public void answer(Supplier<IngestOutcome> newAnswer) {
        this.answer = requireNonNull(newAnswer, "newAnswer is null");
    }

    @Override
    public IngestOutcome remoteWrite(String tenant, IngestRequest request) {
        return record("remote_write", tenant, request);
    }

    @Override
    public IngestOutcome lokiPush(String tenant, IngestRequest request) {
        return record("loki_push", tenant, request);
    }

    @Override
    public IngestOutcome otlpTraces(String tenant, IngestRequest request) {
        return record("otlp_traces", tenant, request);
    }

    @Override
    public IngestOutcome otlpLogs(String tenant, IngestRequest request) {
        return record("otlp_logs", tenant, request);
    }

    @Override
    public IngestOutcome otlpMetrics(String tenant, IngestRequest request) {
        return record("otlp_metrics", tenant, request);
    }

    private IngestOutcome record(String protocol, String tenant, IngestRequest request) {
        calls.add(new Call(protocol, tenant, request));
        return answer.get();
    }
}
