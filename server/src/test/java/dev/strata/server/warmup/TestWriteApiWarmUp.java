package dev.strata.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.DefaultIngestService;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.server.Backend;
import dev.strata.server.BackendFactory;
import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.api.PushHandler;
import dev.strata.server.config.StrataConfig;
import dev.strata.server.http.ApiFlavour;
import dev.strata.server.http.Router;
import dev.strata.server.http.Tenants;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.server.testing.FakeIngestService;
import dev.strata.server.testing.FakeStore;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestWriteApiWarmUp {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-24T05:00:00Z"));

    @TempDir
    Path temp;

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final List<Path> openedDirs = new ArrayList<>();
    private final List<FakeStore> openedStores = new ArrayList<>();

    /** Each open is a fresh fake store behind the real remote-write decoder and ingest pipeline. */
    private final BackendFactory factory = (config, allocator, registry) -> {
        openedDirs.add(config.storage().dataDir());
        FakeStore store = new FakeStore();
        openedStores.add(store);
        return new Backend(store, new DefaultIngestService(store, IngestLimits.DEFAULT, CLOCK));
    };

    /** The production route: the real push handler and gateway over the warm-up's slot. */
    private final WriteRoutes routes = slot -> Router.builder()
            .post("/api/v1/write", ApiFlavour.PROMETHEUS_REMOTE_WRITE, new PushHandler(IngestProtocol.REMOTE_WRITE,
                    new IngestGateway(slot, new ServerMetrics(new PrometheusRegistry())), new Tenants("fake")))
            .build();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void writesDecodableAgentShapedRequestsOnlyIntoAThrowAwayStoreAndDeletesIt() throws Exception {
        FakeStore serving = new FakeStore();
        // the fake wall clock moves 1 ms per reading: 30 ms allow fewer than 30 requests
        WarmUpResult result = warmUp(Duration.ofMillis(30)).run(serving);

        assertThat(result.skipped()).isEmpty();
        assertThat(result.failures()).isZero();
        assertThat(result.requests()).isBetween(2, 30);
        assertThat(openedDirs).hasSize(1);
        assertThat(openedDirs.get(0).getParent()).isEqualTo(temp.resolve("warmup"));
        FakeStore throwAway = openedStores.get(0);
        assertThat(throwAway.closes()).isEqualTo(1);
        assertThat(throwAway.flushes()).isZero();
        assertThat(serving.samples()).isEmpty();
        assertThat(serving.closes()).isZero();
        try (Stream<Path> left = Files.list(temp.resolve("warmup"))) {
            assertThat(left).isEmpty();
        }

        // what the real decoder made of the bodies: the planned series counts, ten samples each,
        // every sample of a series later than the ones before it, all in the past two hours
        List<SampleBatch> batches = throwAway.samples();
        assertThat(batches).hasSize(result.requests());
        assertThat(batches).allSatisfy(batch -> assertThat(batch.series()).hasSize(WriteApiWarmUp.SERIES_PER_REQUEST));
        long now = CLOCK.millis();
        Map<Labels, Long> lastByLabels = new HashMap<>();
        for (SampleBatch batch : batches) {
            for (SeriesSamples series : batch.series()) {
                assertThat(series.labels().size()).isEqualTo(7);
                assertThat(series.count()).isEqualTo(RemoteWriteWarmUpRequests.SAMPLES_PER_SERIES);
                long previous = lastByLabels.getOrDefault(series.labels(), Long.MIN_VALUE);
                for (int i = 0; i < series.count(); i++) {
                    long ts = series.timestampsMillis()[i];
                    assertThat(ts).isGreaterThan(previous).isBetween(now - Duration.ofHours(2).toMillis(), now);
                    previous = ts;
                }
                lastByLabels.put(series.labels(), previous);
            }
        }
        assertThat(lastByLabels).hasSizeLessThanOrEqualTo(RemoteWriteWarmUpRequests.SERIES);
    }

    @Test
    void skipsWithoutTouchingTheServingStoreWhenTheFactoryReturnsIt() {
        FakeStore shared = new FakeStore();
        BackendFactory sharing = (config, allocator, registry) -> new Backend(shared, new FakeIngestService());
        WriteApiWarmUp warmUp = new WriteApiWarmUp(sharing, config(), new RootAllocator(), routes, workers, temp.resolve("warmup"),
                Duration.ofSeconds(1), CLOCK, ticking());

        WarmUpResult result = warmUp.run(shared);

        assertThat(result.skipped()).isNotEmpty();
        assertThat(result.requests()).isZero();
        assertThat(shared.samples()).isEmpty();
        assertThat(shared.closes()).isZero();
    }

    @Test
    void zeroBudgetDisablesItWithoutOpeningAStore() {
        WarmUpResult result = warmUp(Duration.ZERO).run(new FakeStore());

        assertThat(result).isEqualTo(WarmUpResult.skipped("disabled"));
        assertThat(openedDirs).isEmpty();
    }

    private WriteApiWarmUp warmUp(Duration budget) {
        return new WriteApiWarmUp(factory, config(), new RootAllocator(), routes, workers, temp.resolve("warmup"), budget, CLOCK,
                ticking());
    }

    private static LongSupplier ticking() {
        AtomicLong nanos = new AtomicLong();
        return () -> nanos.addAndGet(1_000_000);
    }

    private StrataConfig config() {
        return StrataConfig.from(Map.of(StrataConfig.DATA_DIR, temp.resolve("data").toString()));
    }
}
