package dev.strata.ingest.promremote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SeriesSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written decoder against protobuf-java: random {@code WriteRequest}s (fields in any
 * order, omitted zero fields, unknown fields of every wire type including groups, exemplars,
 * histograms, metadata) are written with {@link CodedOutputStream} and parsed by
 * {@link DynamicMessage} over the prompb schema, and the decoder must agree with that parse; cut
 * short anywhere, a request is refused exactly when protobuf-java refuses it.
 */
class TestRemoteWriteDecoder {
    private static final Descriptor WRITE_REQUEST = schema().findMessageTypeByName("WriteRequest");
    private static final String[] NAMES = {"job", "instance", "method", "handler", "status", "le", "zone", "region"};

    @Test
    void agreesWithProtobufJavaOnRandomRequests() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] request = randomRequest(random);
            Expected expected = expected(DynamicMessage.parseFrom(WRITE_REQUEST, request));
            RemoteWriteDecoder decoder = new RemoteWriteDecoder(IngestLimits.DEFAULT);
            // twice through one decoder: the second pass resolves the series from its cache
            for (int pass = 0; pass < 2; pass++) {
                byte[] padded = Arrays.copyOf(request, request.length + random.nextInt(8));
                RemoteWriteDecoder.Result result = decoder.decode(padded, request.length);
                assertMatches(result, expected);
            }
        }
    }

    @Test
    void truncatedRequestsAreRefusedExactlyWhenProtobufJavaRefusesThem() throws Exception {
        Random random = new Random(11);
        int refused = 0;
        for (int round = 0; round < 25; round++) {
            byte[] request = randomRequest(random);
            for (int cut = 0; cut < request.length; cut += 1 + random.nextInt(9)) {
                byte[] head = Arrays.copyOf(request, cut);
                DynamicMessage parsed;
                try {
                    parsed = DynamicMessage.parseFrom(WRITE_REQUEST, head);
                } catch (InvalidProtocolBufferException e) {
                    refused++;
                    assertThatThrownBy(() -> new RemoteWriteDecoder(IngestLimits.DEFAULT).decode(head, head.length))
                            .isInstanceOfSatisfying(StrataException.class,
                                    s -> assertThat(s.errorCode()).isEqualTo(IngestErrorCode.MALFORMED_PAYLOAD.toErrorCode()));
                    continue;
                }
                assertMatches(new RemoteWriteDecoder(IngestLimits.DEFAULT).decode(head, head.length), expected(parsed));
            }
        }
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void refusesWhatProtobufJavaCallsMalformed() {
        byte[][] malformed = {
            {0x00}, // field number 0
            {0x0a, 0x05, 0x01}, // length past the end
            {0x28, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, 0x01}, // an 11-byte varint (unknown field 5)
            {0x26}, // field 4, wire type 6
            {0x2c}, // field 5, end group without a start
            {0x2b, 0x08, 0x01}, // field 5, group without its end
            {0x0a, 0x02, 0x12, 0x05}, // a sample's length past its series' end
            {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // negative length
        };
        for (byte[] bytes : malformed) {
            assertThatThrownBy(() -> DynamicMessage.parseFrom(WRITE_REQUEST, bytes)).isInstanceOf(InvalidProtocolBufferException.class);
            assertThatThrownBy(() -> new RemoteWriteDecoder(IngestLimits.DEFAULT).decode(bytes, bytes.length))
                    .isInstanceOfSatisfying(StrataException.class,
                            s -> assertThat(s.errorCode()).isEqualTo(IngestErrorCode.MALFORMED_PAYLOAD.toErrorCode()));
        }
    }

    private record Expected(List<SeriesSamples> series, List<MetricMetadata> metadata, long exemplars, long histograms) {}

    /** What the decoder must return, read from protobuf-java's parse. */
    private static Expected expected(DynamicMessage request) {
        Descriptor seriesType = WRITE_REQUEST.findFieldByName("timeseries").getMessageType();
        Descriptor labelType = seriesType.findFieldByName("labels").getMessageType();
        Descriptor sampleType = seriesType.findFieldByName("samples").getMessageType();
        Descriptor metadataType = WRITE_REQUEST.findFieldByName("metadata").getMessageType();
        List<SeriesSamples> series = new ArrayList<>();
        long exemplars = 0;
        long histograms = 0;
        for (Object o : (List<?>) request.getField(WRITE_REQUEST.findFieldByName("timeseries"))) {
            DynamicMessage ts = (DynamicMessage) o;
            exemplars += ts.getRepeatedFieldCount(seriesType.findFieldByName("exemplars"));
            histograms += ts.getRepeatedFieldCount(seriesType.findFieldByName("histograms"));
            List<?> samples = (List<?>) ts.getField(seriesType.findFieldByName("samples"));
            if (samples.isEmpty()) {
                continue;
            }
            Labels.Builder labels = Labels.builder();
            for (Object l : (List<?>) ts.getField(seriesType.findFieldByName("labels"))) {
                DynamicMessage label = (DynamicMessage) l;
                labels.add(text(label.getField(labelType.findFieldByName("name"))),
                        text(label.getField(labelType.findFieldByName("value"))));
            }
            long[] times = new long[samples.size()];
            double[] values = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                DynamicMessage sample = (DynamicMessage) samples.get(i);
                values[i] = Double.longBitsToDouble((Long) sample.getField(sampleType.findFieldByName("value")));
                times[i] = (Long) sample.getField(sampleType.findFieldByName("timestamp"));
            }
            series.add(new SeriesSamples(labels.build(), times, values, samples.size()));
        }
        List<MetricMetadata> metadata = new ArrayList<>();
        for (Object o : (List<?>) request.getField(WRITE_REQUEST.findFieldByName("metadata"))) {
            DynamicMessage m = (DynamicMessage) o;
            String family = text(m.getField(metadataType.findFieldByName("metric_family_name")));
            if (!family.isEmpty()) {
                int type = (Integer) m.getField(metadataType.findFieldByName("type"));
                metadata.add(new MetricMetadata(family, type < MetricType.values().length ? MetricType.values()[type] : MetricType.UNKNOWN,
                        text(m.getField(metadataType.findFieldByName("help"))), text(m.getField(metadataType.findFieldByName("unit")))));
            }
        }
        return new Expected(series, metadata, exemplars, histograms);
    }

    private static String text(Object bytes) {
        return ((ByteString) bytes).toStringUtf8();
    }

    private static void assertMatches(RemoteWriteDecoder.Result result, Expected expected) {
        assertThat(result.rejectedSamples()).isZero();
        assertThat(result.skippedExemplars()).isEqualTo(expected.exemplars());
        assertThat(result.skippedHistograms()).isEqualTo(expected.histograms());
        assertThat(result.batch().metadata()).isEqualTo(expected.metadata());
        List<SeriesSamples> actual = result.batch().series();
        assertThat(actual).hasSameSizeAs(expected.series());
        long maxTs = Long.MIN_VALUE;
        for (int i = 0; i < actual.size(); i++) {
            SeriesSamples a = actual.get(i);
            SeriesSamples e = expected.series().get(i);
            assertThat(a.labels()).isEqualTo(e.labels());
            assertThat(a.count()).isEqualTo(e.count());
            for (int j = 0; j < e.count(); j++) {
                assertThat(a.timestampsMillis()[j]).isEqualTo(e.timestampsMillis()[j]);
                assertThat(Double.doubleToRawLongBits(a.values()[j])).isEqualTo(Double.doubleToRawLongBits(e.values()[j]));
                maxTs = Math.max(maxTs, e.timestampsMillis()[j]);
            }
        }
        assertThat(result.maxTimestampMillis()).isEqualTo(maxTs);
    }

    // ---- random requests, written with protobuf-java's encoder

    private static byte[] randomRequest(Random random) throws IOException {
        return message(out -> {
            int items = random.nextInt(12);
            for (int i = 0; i < items; i++) {
                int kind = random.nextInt(10);
                if (kind < 7) {
                    out.writeByteArray(1, timeSeries(random));
                } else if (kind < 9) {
                    out.writeByteArray(3, metadata(random));
                } else {
                    unknownField(out, random, 4 + random.nextInt(20));
                }
            }
        });
    }

    private static byte[] timeSeries(Random random) throws IOException {
        List<String> names = new ArrayList<>(List.of(NAMES).subList(0, random.nextInt(NAMES.length)));
        names.add("__name__");
        java.util.Collections.shuffle(names, random);
        int samples = random.nextInt(13);
        return message(out -> {
            boolean samplesFirst = random.nextInt(5) == 0;
            if (samplesFirst) {
                samples(out, random, samples);
            }
            for (String name : names) {
                String value = name.equals("__name__") ? "metric_" + random.nextInt(4) : "v" + random.nextInt(1000) + "é";
                out.writeByteArray(1, label(random, name, value));
                if (random.nextInt(20) == 0) {
                    out.writeByteArray(3, randomBytes(random)); // an exemplar between labels
                }
            }
            if (!samplesFirst) {
                samples(out, random, samples);
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                out.writeByteArray(4, randomBytes(random));
            }
            if (random.nextInt(4) == 0) {
                unknownField(out, random, 5 + random.nextInt(10));
            }
        });
    }

    private static void samples(CodedOutputStream out, Random random, int count) throws IOException {
        long t = random.nextBoolean() ? 1_700_000_000_000L + random.nextInt(1_000_000) : -random.nextInt(1_000_000);
        for (int i = 0; i < count; i++) {
            t += random.nextInt(30_000) - 2_000;
            long bits = switch (random.nextInt(6)) {
                case 0 -> 0L; // omitted by the encoder
                case 1 -> 0x7ff0000000000002L; // staleness marker
                case 2 -> random.nextLong();
                default -> Double.doubleToRawLongBits(random.nextInt(100_000) * 0.25);
            };
            long time = random.nextInt(15) == 0 ? 0 : t;
            out.writeByteArray(2, sample(random, bits, time));
        }
    }

    private static byte[] sample(Random random, long bits, long time) throws IOException {
        return message(out -> {
            boolean reversed = random.nextInt(6) == 0;
            if (reversed && time != 0) {
                out.writeInt64(2, time);
            }
            if (bits != 0) {
                out.writeFixed64(1, bits);
            }
            if (random.nextInt(10) == 0) {
                unknownField(out, random, 3 + random.nextInt(5));
            }
            if (!reversed && time != 0) {
                out.writeInt64(2, time);
            }
        });
    }

    private static byte[] label(Random random, String name, String value) throws IOException {
        return message(out -> {
            if (random.nextInt(8) == 0) {
                out.writeString(2, value);
                out.writeString(1, name);
            } else {
                out.writeString(1, name);
                out.writeString(2, value);
            }
            if (random.nextInt(15) == 0) {
                unknownField(out, random, 3 + random.nextInt(5));
            }
        });
    }

    private static byte[] metadata(Random random) throws IOException {
        return message(out -> {
            if (random.nextInt(5) > 0) {
                out.writeEnum(1, random.nextInt(9));
            }
            if (random.nextInt(6) > 0) {
                out.writeString(2, "family_" + random.nextInt(5));
            }
            out.writeString(4, "help text " + random.nextInt(3));
            if (random.nextBoolean()) {
                out.writeString(5, "seconds");
            }
            if (random.nextInt(6) == 0) {
                unknownField(out, random, 6 + random.nextInt(5));
            }
        });
    }

    private static void unknownField(CodedOutputStream out, Random random, int field) throws IOException {
        switch (random.nextInt(5)) {
            case 0 -> out.writeInt64(field, random.nextLong());
            case 1 -> out.writeFixed64(field, random.nextLong());
            case 2 -> out.writeFixed32(field, random.nextInt());
            case 3 -> out.writeByteArray(field, randomBytes(random));
            default -> {
                out.writeTag(field, WireFormat.WIRETYPE_START_GROUP);
                out.writeInt32(1, random.nextInt());
                out.writeTag(2, WireFormat.WIRETYPE_START_GROUP);
                out.writeString(3, "nested");
                out.writeTag(2, WireFormat.WIRETYPE_END_GROUP);
                out.writeTag(field, WireFormat.WIRETYPE_END_GROUP);
            }
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        return bytes;
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    // ---- prompb's WriteRequest as a protobuf-java schema (field numbers from remote.proto and types.proto)

    private static FileDescriptor schema() {
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("prompb.proto")
                .setPackage("prometheus")
                .setSyntax("proto3")
                .addMessageType(message("Label", field("name", 1, FieldDescriptorProto.Type.TYPE_BYTES, false, null),
                        field("value", 2, FieldDescriptorProto.Type.TYPE_BYTES, false, null)))
                // the double as its raw bits, so NaN payloads compare exactly
                .addMessageType(message("Sample", field("value", 1, FieldDescriptorProto.Type.TYPE_FIXED64, false, null),
                        field("timestamp", 2, FieldDescriptorProto.Type.TYPE_INT64, false, null)))
                .addMessageType(message("TimeSeries",
                        field("labels", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.Label"),
                        field("samples", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.Sample"),
                        field("exemplars", 3, FieldDescriptorProto.Type.TYPE_BYTES, true, null),
                        field("histograms", 4, FieldDescriptorProto.Type.TYPE_BYTES, true, null)))
                .addMessageType(message("MetricMetadata", field("type", 1, FieldDescriptorProto.Type.TYPE_INT32, false, null),
                        field("metric_family_name", 2, FieldDescriptorProto.Type.TYPE_BYTES, false, null),
                        field("help", 4, FieldDescriptorProto.Type.TYPE_BYTES, false, null),
                        field("unit", 5, FieldDescriptorProto.Type.TYPE_BYTES, false, null)))
                .addMessageType(message("WriteRequest",
                        field("timeseries", 1, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.TimeSeries"),
                        field("metadata", 3, FieldDescriptorProto.Type.TYPE_MESSAGE, true, ".prometheus.MetricMetadata")))
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        return DescriptorProto.newBuilder().setName(name).addAllField(List.of(fields)).build();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, boolean repeated,
            String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (typeName != null) {
            field.setTypeName(typeName);
        }
        return field.build();
    }
}
