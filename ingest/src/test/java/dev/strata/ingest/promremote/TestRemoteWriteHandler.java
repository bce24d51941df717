package dev.strata.ingest.promremote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.RecordingWriter;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class TestRemoteWriteHandler {
    private static final long NOW = 1_700_000_000_000L;
    private static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private final RecordingWriter writer = new RecordingWriter();
    private final RemoteWriteHandler handler =
            new RemoteWriteHandler(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochMilli(NOW)));

    private static IngestRequest v1(byte[] body) {
        return new IngestRequest("application/x-protobuf", "snappy", body);
    }

    @Test
    void decodesSeriesSamplesAndMetadata() {
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"job", "api", "__name__", "http_requests_total", "code", "200"},
                        new long[] {NOW - 30_000, NOW - 15_000}, new double[] {1.5, 2.5})
                .series(new String[] {"__name__", "up", "instance", "a:9090"}, new long[] {NOW}, new double[] {1})
                .metadata(1, "http_requests_total", "Requests served.", "")
                .metadata(2, "up", "Target up.", "")
                .snappy();

        IngestOutcome outcome = handler.handle("t1", v1(body));

        assertThat(outcome).isEqualTo(new IngestOutcome(3, 0, null));
        assertThat(writer.tenants).containsExactly("t1");
        SampleBatch batch = writer.samples.get(0);
        assertThat(batch.series()).hasSize(2);
        SeriesSamples first = batch.series().get(0);
        assertThat(first.labels()).isEqualTo(Labels.of("__name__", "http_requests_total", "code", "200", "job", "api"));
        assertThat(first.labels().name(0)).isEqualTo("__name__");
        assertThat(Arrays.copyOf(first.timestampsMillis(), first.count())).containsExactly(NOW - 30_000, NOW - 15_000);
        assertThat(Arrays.copyOf(first.values(), first.count())).containsExactly(1.5, 2.5);
        assertThat(batch.series().get(1).labels().toString()).isEqualTo("{__name__=\"up\", instance=\"a:9090\"}");
        assertThat(batch.metadata()).containsExactly(
                new MetricMetadata("http_requests_total", MetricType.COUNTER, "Requests served.", ""),
                new MetricMetadata("up", MetricType.GAUGE, "Target up.", ""));
    }

    /** The decompression buffer is reused: a shorter body after a longer one must not see its tail. */
    @Test
    void aShorterRequestAfterALongerOneDecodesOnlyItself() {
        WriteRequestBuilder big = new WriteRequestBuilder();
        for (int i = 0; i < 50; i++) {
            big.series(new String[] {"__name__", "m", "i", Integer.toString(i)}, new long[] {NOW - i}, new double[] {i});
        }
        assertThat(handler.handle("t", v1(big.snappy())).acceptedRows()).isEqualTo(50);
        byte[] small = new WriteRequestBuilder()
                .series(new String[] {"__name__", "up"}, new long[] {NOW}, new double[] {7})
                .snappy();

        IngestOutcome outcome = handler.handle("t", v1(small));

        assertThat(outcome).isEqualTo(new IngestOutcome(1, 0, null));
        SampleBatch last = writer.samples.get(writer.samples.size() - 1);
        assertThat(last.series()).hasSize(1);
        assertThat(last.series().get(0).labels()).isEqualTo(Labels.of("__name__", "up"));
        assertThat(last.series().get(0).values()).containsExactly(7);
    }

    @Test
    void keepsStalenessMarkersBitExactAndSpecialValues() {
        double stale = Double.longBitsToDouble(STALE_NAN_BITS);
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "m"}, new long[] {1, 2, 3, 4, 5},
                        new double[] {stale, Double.NaN, Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE})
                .snappy();

        handler.handle("t", v1(body));

        double[] values = writer.samples.get(0).series().get(0).values();
        assertThat(Double.doubleToRawLongBits(values[0])).isEqualTo(STALE_NAN_BITS);
        assertThat(Double.doubleToRawLongBits(values[1])).isEqualTo(Double.doubleToRawLongBits(Double.NaN));
        assertThat(values[2]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Double.doubleToRawLongBits(values[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(values[4]).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void keepsHistoricalAndNegativeTimestamps() {
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "m"}, new long[] {-62_135_596_800_000L, 0, NOW + 600_000},
                        new double[] {1, 2, 3})
                .snappy();

        IngestOutcome outcome = handler.handle("t", v1(body));

        assertThat(outcome.acceptedRows()).isEqualTo(3);
        assertThat(writer.samples.get(0).series().get(0).timestampsMillis())
                .containsExactly(-62_135_596_800_000L, 0, NOW + 600_000);
    }

    @Test
    void decodesSamplesWithOmittedOrReorderedFields() {
        byte[] series = WriteRequestBuilder.message(out -> {
            out.writeByteArray(1, WriteRequestBuilder.message(l -> {
                l.writeString(1, "__name__");
                l.writeString(2, "m");
            }));
            // proto3 encoders omit zero fields; order is free.
            out.writeByteArray(2, WriteRequestBuilder.message(s -> s.writeInt64(2, 5)));
            out.writeByteArray(2, WriteRequestBuilder.message(s -> s.writeDouble(1, 2.5)));
            out.writeByteArray(2, WriteRequestBuilder.message(s -> {
                s.writeInt64(2, -7);
                s.writeDouble(1, 3.5);
            }));
            out.writeByteArray(2, WriteRequestBuilder.message(s -> {
                s.writeDouble(1, 4.5);
                s.writeInt64(2, Long.MIN_VALUE);
            }));
            out.writeByteArray(2, new byte[0]);
        });

        handler.handle("t", v1(new WriteRequestBuilder().rawSeries(series).snappy()));

        SeriesSamples s = writer.samples.get(0).series().get(0);
        assertThat(s.timestampsMillis()).containsExactly(5, 0, -7, Long.MIN_VALUE, 0);
        assertThat(s.values()).containsExactly(0, 2.5, 3.5, 4.5, 0);
    }

    @Test
    void refusesWholeRequestWithSampleTooFarInFuture() {
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "ok"}, new long[] {NOW}, new double[] {1})
                .series(new String[] {"__name__", "m"}, new long[] {Long.MAX_VALUE}, new double[] {1})
                .snappy();

        assertError(v1(body), IngestErrorCode.ROWS_REJECTED, "out of bounds");
        assertThat(writer.writes()).isZero();
    }

    @Test
    void sameSeriesAcrossRequestsResolvesToTheCachedLabels() {
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "m", "a", "1"}, new long[] {1}, new double[] {1})
                .snappy();

        handler.handle("t", v1(body));
        handler.handle("t", v1(body));

        Labels first = writer.samples.get(0).series().get(0).labels();
        Labels second = writer.samples.get(1).series().get(0).labels();
        assertThat(second).isSameAs(first).isEqualTo(Labels.of("__name__", "m", "a", "1"));
    }

    @Test
    void dropsInvalidSeriesAndKeepsTheRest() {
        byte[] badUtf8 = WriteRequestBuilder.message(out -> {
            out.writeByteArray(1, WriteRequestBuilder.message(l -> {
                l.writeString(1, "__name__");
                l.writeString(2, "m");
            }));
            out.writeByteArray(1, WriteRequestBuilder.message(l -> {
                l.writeString(1, "x");
                l.writeByteArray(2, new byte[] {(byte) 0xc3, (byte) 0x28});
            }));
            out.writeByteArray(2, WriteRequestBuilder.message(s -> {
                s.writeDouble(1, 1);
                s.writeInt64(2, 1);
            }));
        });
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "good", "région", "x"}, new long[] {1}, new double[] {1})
                .series(new String[] {"job", "no_name"}, new long[] {1, 2}, new double[] {1, 2})
                .series(new String[] {"__name__", "dup", "a", "1", "a", "2"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "bad-name"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "ok", "1abc", "x"}, new long[] {1}, new double[] {1})
                .rawSeries(badUtf8)
                .series(new String[] {"__name__", "kept", "empty", "", "city", "Zürich ✓"}, new long[] {7},
                        new double[] {7})
                .snappy();

        IngestOutcome outcome = handler.handle("t", v1(body));

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(7);
        assertThat(outcome.firstRejection()).isEqualTo("invalid label name \"région\"");
        SampleBatch batch = writer.samples.get(0);
        assertThat(batch.series()).hasSize(1);
        // An empty value means "no such label" to Prometheus, so it is dropped, not stored.
        assertThat(batch.series().get(0).labels()).isEqualTo(Labels.of("__name__", "kept", "city", "Zürich ✓"));
    }

    @Test
    void rejectionReasonsNameTheProblem() {
        assertThat(firstRejection(new String[] {"job", "x"})).isEqualTo("series without metric name (__name__)");
        assertThat(firstRejection(new String[] {"__name__", "m", "a", "1", "a", "2"}))
                .isEqualTo("duplicate label name \"a\"");
        assertThat(firstRejection(new String[] {"__name__", "1m"})).isEqualTo("invalid metric name \"1m\"");
        assertThat(firstRejection(new String[] {"__name__", "m", "", "v"})).isEqualTo("invalid label name \"\"");
    }

    private String firstRejection(String[] labels) {
        byte[] body = new WriteRequestBuilder().series(labels, new long[] {1}, new double[] {1}).snappy();
        return handler.handle("t", v1(body)).firstRejection();
    }

    @Test
    void enforcesLabelLimits() {
        IngestLimits tight = new IngestLimits(1 << 20, 2, 8, 8, 100, Duration.ZERO, 16);
        RemoteWriteHandler strict = new RemoteWriteHandler(writer, tight, InstantSource.fixed(Instant.EPOCH));
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "m", "a", "1", "b", "2"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "m", "toolongname", "1"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "m", "a", "123456789"}, new long[] {1}, new double[] {1})
                .series(new String[] {"__name__", "m", "a", "12345678"}, new long[] {Long.MAX_VALUE}, new double[] {1})
                .snappy();

        IngestOutcome outcome = strict.handle("t", v1(body));

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(3);
        assertThat(outcome.firstRejection()).contains("3 labels");
    }

    @Test
    void skipsNativeHistogramsAndKeepsFloatSamples() {
        byte[] body = new WriteRequestBuilder()
                .series(new String[] {"__name__", "h"}, new long[0], new double[0], 2)
                .series(new String[] {"__name__", "m"}, new long[] {5}, new double[] {5}, 1)
                .snappy();

        IngestOutcome outcome = handler.handle("t", v1(body));

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(writer.samples.get(0).series()).extracting(s -> s.labels().metricName()).containsExactly("m");
    }

    @Test
    void acceptsAbsentHeadersAndExplicitV1ContentType() {
        byte[] body = new WriteRequestBuilder().series(new String[] {"__name__", "m"}, new long[] {1}, new double[] {1})
                .snappy();

        handler.handle("t", new IngestRequest("", "", body));
        handler.handle("t", new IngestRequest("application/x-protobuf;proto=prometheus.WriteRequest", "SNAPPY", body));

        assertThat(writer.samples).hasSize(2);
    }

    @Test
    void emptyWriteRequestIsAcceptedWithoutAWrite() throws Exception {
        IngestOutcome outcome = handler.handle("t", v1(Snappy.compress(new byte[0])));

        assertThat(outcome).isEqualTo(new IngestOutcome(0, 0, null));
        assertThat(writer.writes()).isZero();
    }

    @Test
    void refusesBadInput() throws Exception {
        byte[] good = new WriteRequestBuilder().series(new String[] {"__name__", "m"}, new long[] {1}, new double[] {1})
                .encode();
        assertError(new IngestRequest("application/x-protobuf;proto=io.prometheus.write.v2.Request", "snappy",
                Snappy.compress(good)), IngestErrorCode.UNSUPPORTED_MEDIA_TYPE, "io.prometheus.write.v2.Request");
        assertError(new IngestRequest("application/json", "snappy", Snappy.compress(good)),
                IngestErrorCode.UNSUPPORTED_MEDIA_TYPE, "application/json");
        assertError(new IngestRequest("application/x-protobuf", "gzip", Snappy.compress(good)),
                IngestErrorCode.UNSUPPORTED_MEDIA_TYPE, "gzip");
        assertError(v1(new byte[0]), IngestErrorCode.EMPTY_BODY, "empty");
        assertError(v1(good), IngestErrorCode.MALFORMED_PAYLOAD, "snappy");
        assertError(v1("not snappy at all".getBytes(StandardCharsets.UTF_8)), IngestErrorCode.MALFORMED_PAYLOAD, "snappy");
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertError(v1(Snappy.compress(truncated)), IngestErrorCode.MALFORMED_PAYLOAD, "malformed WriteRequest");
        byte[] wrongWireType = WriteRequestBuilder.message(out -> out.writeInt64(1, 42));
        assertError(v1(Snappy.compress(wrongWireType)), IngestErrorCode.MALFORMED_PAYLOAD, "wrong wire type");
        assertThat(writer.writes()).isZero();
    }

    @Test
    void refusesBodiesThatDecompressPastTheLimit() throws Exception {
        IngestLimits small = new IngestLimits(1000, 64, 1024, 1024, 1024, Duration.ZERO, 16);
        RemoteWriteHandler strict = new RemoteWriteHandler(writer, small, InstantSource.fixed(Instant.EPOCH));
        byte[] big = new WriteRequestBuilder()
                .series(new String[] {"__name__", "m", "pad", "x".repeat(2000)}, new long[] {1}, new double[] {1})
                .snappy();

        assertThatThrownBy(() -> strict.handle("t", v1(big)))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(IngestErrorCode.BODY_TOO_LARGE.toErrorCode()));
    }

    private void assertError(IngestRequest request, IngestErrorCode code, String messagePart) {
        assertThatThrownBy(() -> handler.handle("t", request))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code.toErrorCode());
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
