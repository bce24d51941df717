package dev.strata.ingest.promremote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestLabelStrings {
    @Test
    void sameBytesGiveTheSameInstance() {
        LabelStrings strings = new LabelStrings(16);
        byte[] a = "..instance..".getBytes(StandardCharsets.UTF_8);
        byte[] b = "instance".getBytes(StandardCharsets.UTF_8);
        String first = strings.get(a, 2, 8, StandardCharsets.UTF_8);
        assertThat(first).isEqualTo("instance");
        assertThat(strings.get(b, 0, 8, StandardCharsets.UTF_8)).isSameAs(first);
        assertThat(strings.get(b, 0, 7, StandardCharsets.UTF_8)).isEqualTo("instanc");
        byte[] utf8 = "größe".getBytes(StandardCharsets.UTF_8);
        assertThat(strings.get(utf8, 0, utf8.length, StandardCharsets.UTF_8)).isEqualTo("größe");
        byte[] longValue = "x".repeat(LabelStrings.MAX_LENGTH + 1).getBytes(StandardCharsets.UTF_8);
        assertThat(strings.get(longValue, 0, longValue.length, StandardCharsets.UTF_8))
                .isEqualTo("x".repeat(LabelStrings.MAX_LENGTH + 1))
                .isNotSameAs(strings.get(longValue, 0, longValue.length, StandardCharsets.UTF_8));
    }

    @Test
    void decodedSeriesShareLabelStrings() {
        RemoteWriteDecoder decoder = new RemoteWriteDecoder(IngestLimits.DEFAULT);
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "up", "job", "api", "instance", "a:1"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "up", "job", "api", "instance", "b:1"}, new long[] {1}, new double[] {1})
                .encode();
        List<Labels> sets = decoder.decode(body, body.length).batch().series().stream().map(s -> s.labels()).toList();
        assertThat(sets.get(0)).isEqualTo(Labels.of("__name__", "up", "job", "api", "instance", "a:1"));
        assertThat(sets.get(1)).isEqualTo(Labels.of("__name__", "up", "job", "api", "instance", "b:1"));
        for (int i = 0; i < 3; i++) {
            assertThat(sets.get(1).name(i)).isSameAs(sets.get(0).name(i));
        }
        assertThat(sets.get(1).get("job")).isSameAs(sets.get(0).get("job"));
        assertThat(sets.get(1).get("instance")).isNotEqualTo(sets.get(0).get("instance"));
    }
}
