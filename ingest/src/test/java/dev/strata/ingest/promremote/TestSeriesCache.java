package dev.strata.ingest.promremote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.SeriesSamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TestSeriesCache {
    @Test
    void hitsOnlyOnIdenticalBytes() {
        SeriesCache cache = new SeriesCache(4);
        byte[] a = "xxlabels-a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "labels-b".getBytes(StandardCharsets.UTF_8);
        Labels la = Labels.of("__name__", "a");
        int ha = SeriesCache.hash(a, 2, 8);
        cache.put(a, 2, 8, ha, la);

        assertThat(cache.get(a, 2, 8, ha)).isSameAs(la);
        assertThat(cache.get(b, 0, 8, ha)).as("same hash, other bytes").isNull();
        assertThat(cache.get(a, 2, 7, SeriesCache.hash(a, 2, 7))).isNull();
        assertThat(SeriesCache.hash(a, 2, 8)).isEqualTo(SeriesCache.hash("labels-a".getBytes(StandardCharsets.UTF_8), 0, 8));
    }

    /** A one-slot cache shared by threads decoding different series: every result must stay right. */
    @Test
    void concurrentDecodersNeverSeeAnotherSeriesLabels() throws Exception {
        RemoteWriteDecoder decoder = new RemoteWriteDecoder(
                new IngestLimits(1 << 20, 64, 1024, 1024, 1024, Duration.ZERO, 1));
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bodies.add(new WriteRequestBuilder()
                    .series(new String[] {"__name__", "m" + i, "i", Integer.toString(i)}, new long[] {i}, new double[] {i})
                    .encode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 2_000; round++) {
                        int i = round % bodies.size();
                        byte[] body = bodies.get(i);
                        SeriesSamples s = decoder.decode(body, body.length).batch().series().get(0);
                        if (!s.labels().equals(Labels.of("__name__", "m" + i, "i", Integer.toString(i)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
