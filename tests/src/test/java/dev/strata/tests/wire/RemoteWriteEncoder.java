package dev.strata.tests.wire;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote_write 1.0 {@code WriteRequest} (prompb/remote.proto, types.proto):
 * {@code WriteRequest{timeseries=1, metadata=3}}, {@code TimeSeries{labels=1, samples=2}},
 * {@code Label{name=1, value=2}}, {@code Sample{double value=1, int64 timestamp=2}},
 * {@code MetricMetadata{type=1, metric_family_name=2, help=4, unit=5}}; the body is
 * snappy block-compressed.
 */
public final class RemoteWriteEncoder {
    /** MetricMetadata.MetricType numbers. */
    public static final int TYPE_COUNTER = 1;
    public static final int TYPE_GAUGE = 2;

    private RemoteWriteEncoder() {}

    public record Sample(long timestampMs, double value) {}

    /** One series; labels are sent sorted by name, as Prometheus sends them. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
        public Series {
            labels = new TreeMap<>(requireNonNull(labels, "labels is null"));
            samples = List.copyOf(samples);
        }
    }

    public record Metadata(int type, String family, String help, String unit) {
        public Metadata {
            requireNonNull(family, "family is null");
            requireNonNull(help, "help is null");
            requireNonNull(unit, "unit is null");
        }
    }

    /** The uncompressed protobuf. */
    public static byte[] encode(List<Series> series, List<Metadata> metadata) {
        return ProtoMessages.message(out -> {
            for (Series one : series) {
                out.writeByteArray(1, encodeSeries(one));
            }
            for (Metadata meta : metadata) {
                out.writeByteArray(3, ProtoMessages.message(m -> {
                    m.writeEnum(1, meta.type());
                    m.writeString(2, meta.family());
                    m.writeString(4, meta.help());
                    m.writeString(5, meta.unit());
                }));
            }
        });
    }

    /** The HTTP body: {@link #encode} snappy block-compressed. */
    public static byte[] body(List<Series> series, List<Metadata> metadata) {
        return snappy(encode(series, metadata));
    }

    public static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Headers of a remote_write 1.0 request. */
    public static Map<String, String> headers() {
        return Map.of(
                "Content-Type", "application/x-protobuf",
                "Content-Encoding", "snappy",
                "X-Prometheus-Remote-Write-Version", "0.1.0",
                "User-Agent", "strata-e2e");
    }

    private static byte[] encodeSeries(Series series) {
        return ProtoMessages.message(out -> {
            for (Map.Entry<String, String> label : series.labels().entrySet()) {
                out.writeByteArray(1, ProtoMessages.message(l -> {
                    l.writeString(1, label.getKey());
                    l.writeString(2, label.getValue());
                }));
            }
            for (Sample sample : series.samples()) {
                out.writeByteArray(2, ProtoMessages.message(s -> {
                    s.writeDouble(1, sample.value());
                    s.writeInt64(2, sample.timestampMs());
                }));
            }
        });
    }
}
