package dev.strata.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.Backend;
import dev.strata.server.BackendFactory;
import dev.strata.server.config.StrataConfig;
import dev.strata.server.http.ApiFlavour;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Router;
import dev.strata.server.testing.FakeIngestService;
import dev.strata.server.testing.FakeStore;
import dev.strata.storage.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestQueryApiWarmUp {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-24T05:00:00Z"));

    @TempDir
    Path temp;

    /** The store the warm-up opened, with what was written into it, and the routes' requests. */
    private final List<Path> openedDirs = new ArrayList<>();
    private final List<FakeStore> openedStores = new ArrayList<>();
    private final List<HttpRequest> served = new ArrayList<>();

    private final BackendFactory factory = (config, allocator, registry) -> {
        openedDirs.add(config.storage().dataDir());
        FakeStore store = new FakeStore();
        openedStores.add(store);
        return new Backend(store, new FakeIngestService());
    };

    private final QueryRoutes routes = slot -> Router.builder()
            .get("/api/v1/{rest}", ApiFlavour.PROMETHEUS, this::answer)
            .post("/api/v1/{rest}", ApiFlavour.PROMETHEUS, this::answer)
            .get("/api/v1/label/{name}/values", ApiFlavour.PROMETHEUS, this::answer)
            .build();

    private HttpResponse answer(HttpRequest request) {
        served.add(request);
        return HttpResponse.of(200, HttpResponse.APPLICATION_JSON, "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesOnlyIntoAThrowAwayStoreInItsOwnDirectoryAndDeletesIt() throws Exception {
        FakeStore serving = new FakeStore();
        WarmUpResult result = warmUp(Duration.ofMillis(200), new AtomicLong()).run(serving);

        assertThat(result.skipped()).isEmpty();
        assertThat(result.failures()).isZero();
        assertThat(result.requests()).isPositive();
        assertThat(openedDirs).hasSize(1);
        assertThat(openedDirs.get(0).getParent()).isEqualTo(temp.resolve("warmup"));
        assertThat(openedDirs.get(0)).isNotEqualTo(config().dataDir());
        FakeStore throwAway = openedStores.get(0);
        assertThat(throwAway.samples()).isNotEmpty();
        assertThat(throwAway.flushes()).isEqualTo(1);
        assertThat(throwAway.closes()).isEqualTo(1);
        assertThat(serving.samples()).isEmpty();
        assertThat(serving.flushes()).isZero();
        assertThat(serving.closes()).isZero();
        try (Stream<Path> left = Files.list(temp.resolve("warmup"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void sendsEveryRequestKindUntilTheBudgetIsSpent() {
        // the fake CPU clock moves 1 ms per reading: the budget of 100 ms allows fewer than 100 requests
        WarmUpResult result = warmUp(Duration.ofMillis(100), new AtomicLong()).run(new FakeStore());

        assertThat(result.requests()).isEqualTo(served.size()).isBetween(QueryApiWarmUp.requests(0, 1).size(), 100);
        assertThat(served).extracting(HttpRequest::path).contains("/api/v1/query_range", "/api/v1/query", "/api/v1/labels",
                "/api/v1/label/instance/values", "/api/v1/series");
        assertThat(served).extracting(HttpRequest::method).contains("GET", "POST");
    }

    @Test
    void sendsNothingWhenTheBudgetIsShorterThanOneClockTick() {
        WarmUpResult result = warmUp(Duration.ofNanos(1), new AtomicLong()).run(new FakeStore());

        assertThat(result.requests()).isZero();
        assertThat(served).isEmpty();
        assertThat(openedStores.get(0).closes()).isEqualTo(1);
    }

    @Test
    void skipsWithoutTouchingTheServingStoreWhenTheFactoryReturnsIt() {
        FakeStore shared = new FakeStore();
        BackendFactory sharing = (config, allocator, registry) -> new Backend(shared, new FakeIngestService());
        QueryApiWarmUp warmUp = new QueryApiWarmUp(sharing, config(), new RootAllocator(), routes, temp.resolve("warmup"),
                Duration.ofSeconds(1), CLOCK, ticking(new AtomicLong()), ticking(new AtomicLong()));

        WarmUpResult result = warmUp.run(shared);

        assertThat(result.skipped()).isNotEmpty();
        assertThat(result.requests()).isZero();
        assertThat(shared.samples()).isEmpty();
        assertThat(shared.flushes()).isZero();
        assertThat(shared.closes()).isZero();
        assertThat(served).isEmpty();
    }

    @Test
    void zeroBudgetDisablesItWithoutOpeningAStore() {
        WarmUpResult result = warmUp(Duration.ZERO, new AtomicLong()).run(new FakeStore());

        assertThat(result).isEqualTo(WarmUpResult.skipped("disabled"));
        assertThat(openedDirs).isEmpty();
    }

    @Test
    void requestsCoverTheDatasetWindow() {
        long end = 1_800_000_000_000L;
        List<HttpRequest> requests = QueryApiWarmUp.requests(WarmUpDataset.startMillis(end), end);
        HttpRequest first = requests.get(0);
        assertThat(first.queryParameters().get("end")).containsExactly("1.8E9");
        assertThat(Double.parseDouble(first.queryParameters().get("start").get(0)))
                .isEqualTo((end - (WarmUpDataset.SAMPLES - 1) * WarmUpDataset.INTERVAL_MS) / 1000.0);
    }

    private QueryApiWarmUp warmUp(Duration budget, AtomicLong nanos) {
        // wall clock and thread CPU clock both move 1 ms per reading
        return new QueryApiWarmUp(factory, config(), new RootAllocator(), routes, temp.resolve("warmup"), budget, CLOCK,
                ticking(new AtomicLong()), ticking(nanos));
    }

    private static java.util.function.LongSupplier ticking(AtomicLong nanos) {
        return () -> nanos.addAndGet(1_000_000);
    }

    private StrataConfig config() {
        return StrataConfig.from(Map.of(StrataConfig.DATA_DIR, temp.resolve("data").toString()));
    }
}
