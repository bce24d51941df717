package dev.strata.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SpanEvent;
import dev.strata.storage.write.SpanLink;
import dev.strata.storage.write.SpanRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestWalRecords {
    private static WalDecoder open(byte[] body, WalRecordType type, String tenant) {
        WalDecoder decoder = new WalDecoder(body, 0, body.length);
        assertThat(WalRecordType.fromCode((byte) decoder.readByte())).isEqualTo(type);
        assertThat(decoder.readString()).isEqualTo(tenant);
        return decoder;
    }

    @Test
    void samplesKeepOrderNegativeDeltasAndNanBits() {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        long[] ts = {1_700_000_000_000L, 1_699_999_999_000L, Long.MIN_VALUE / 4, 5};
        double[] values = {1.5, -0.0, stale, Double.MAX_VALUE};
        WalEncoder encoder = new WalEncoder(8);
        WalRecords.beginSamples(encoder, "tenant-ü", 2);
        WalRecords.addSeriesSamples(encoder, -42, ts, values, 4);
        WalRecords.addSeriesSamples(encoder, 7, ts, values, 1);
        WalDecoder decoder = open(encoder.toByteArray(), WalRecordType.SAMPLES, "tenant-ü");
        List<String> seen = new ArrayList<>();
        WalRecords.decodeSamples(decoder, (id, t, v, n) -> {
            for (int i = 0; i < n; i++) {
                seen.add(id + "@" + t[i] + "=" + Long.toHexString(Double.doubleToRawLongBits(v[i])));
            }
        });
        assertThat(seen).containsExactly(
                "-42@1700000000000=" + Long.toHexString(Double.doubleToRawLongBits(1.5)),
                "-42@1699999999000=" + Long.toHexString(Double.doubleToRawLongBits(-0.0)),
                "-42@" + (Long.MIN_VALUE / 4) + "=7ff0000000000002",
                "-42@5=" + Long.toHexString(Double.doubleToRawLongBits(Double.MAX_VALUE)),
                "7@1700000000000=" + Long.toHexString(Double.doubleToRawLongBits(1.5)));
        assertThat(decoder.hasRemaining()).isFalse();
    }

    @Test
    void seriesAndMetadataRoundTrip() {
        Labels labels = Labels.of("__name__", "up", "job", "a\"b");
        WalEncoder encoder = new WalEncoder(8);
        WalRecords.beginSeries(encoder, "t", 1);
        WalRecords.addSeries(encoder, labels.stableHash(), labels);
        List<Labels> seen = new ArrayList<>();
        WalRecords.decodeSeries(open(encoder.toByteArray(), WalRecordType.SERIES, "t"), (id, l) -> {
            assertThat(id).isEqualTo(l.stableHash());
            seen.add(l);
        });
        assertThat(seen).containsExactly(labels);
        List<MetricMetadata> metadata = List.of(new MetricMetadata("up", MetricType.GAUGE, "help text", "seconds"));
        assertThat(WalRecords.decodeMetadata(open(WalRecords.encodeMetadata("t", metadata), WalRecordType.METADATA, "t")))
                .isEqualTo(metadata);
    }

    @Test
    void logsAndSpansRoundTrip() {
        List<LogStream> logs = List.of(new LogStream(Labels.of("app", "api"), List.of(
                new LogEntry(1, "line ✓", Labels.of("k", "v"), "ab", "cd", "info"),
                new LogEntry(-2, "", Labels.EMPTY, null, null, null))));
        assertThat(WalRecords.decodeLogs(open(WalRecords.encodeLogs("t", logs), WalRecordType.LOGS, "t"))).isEqualTo(logs);
        List<SpanRecord> spans = List.of(new SpanRecord("t1", "s1", null, "ts=1", "op", "server", "svc", 10, 20, "error", "boom",
                Map.of("i", AttributeValue.ofLong(-3), "d", AttributeValue.ofDouble(2.5), "b", AttributeValue.ofBool(true),
                        "j", AttributeValue.ofJson("[1,2]"), "y", AttributeValue.ofBytes("AQI=")),
                Map.of("service.name", AttributeValue.ofString("svc")), null, "1.0",
                List.of(new SpanEvent(15, "ev", Map.of("x", AttributeValue.ofString("y")))),
                List.of(new SpanLink("t2", "s2", null, Map.of()))));
        assertThat(WalRecords.decodeSpans(open(WalRecords.encodeSpans("t", spans), WalRecordType.SPANS, "t"))).isEqualTo(spans);
    }
}
