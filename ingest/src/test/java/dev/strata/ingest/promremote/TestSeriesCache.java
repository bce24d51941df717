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

    @Test
    void keepsTwoKeysThatShareAHomeSlot() {
        SeriesCache cache = new SeriesCache(8);
        byte[][] keys = new byte[3][];
        Labels[] labels = new Labels[3];
        int[] hashes = new int[3];
        // three keys with the same home slot (hash & 7) but different hashes
        int found = 0;
        for (int i = 0; found < 3; i++) {
            byte[] key = ("series-" + i).getBytes(StandardCharsets.UTF_8);
            int h = SeriesCache.hash(key, 0, key.length);
            if ((h & 7) == 2 && (found == 0 || h != hashes[0])) {
                keys[found] = key;
                hashes[found] = h;
                labels[found] = Labels.of("__name__", "m" + i);
                found++;
            }
        }
        cache.put(keys[0], 0, keys[0].length, hashes[0], labels[0]);
        cache.put(keys[1], 0, keys[1].length, hashes[1], labels[1]);
        assertThat(cache.get(keys[0], 0, keys[0].length, hashes[0])).isSameAs(labels[0]);
        assertThat(cache.get(keys[1], 0, keys[1].length, hashes[1])).isSameAs(labels[1]);
        // a third one takes the neighbour slot; the home slot's key stays
        cache.put(keys[2], 0, keys[2].length, hashes[2], labels[2]);
        assertThat(cache.get(keys[0], 0, keys[0].length, hashes[0])).isSameAs(labels[0]);
        assertThat(cache.get(keys[1], 0, keys[1].length, hashes[1])).isNull();
        assertThat(cache.get(keys[2], 0, keys[2].length, hashes[2])).isSameAs(labels[2]);
    }

    /** A one-pair cache shared by threads decoding different series: every result must stay right. */
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
