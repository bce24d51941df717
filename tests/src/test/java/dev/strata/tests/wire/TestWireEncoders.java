package dev.strata.tests.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** The encoders against bytes worked out by hand from the .proto field numbers. */
final class TestWireEncoders {
    @Test
    void remoteWriteMatchesHandEncodedBytes() throws Exception {
        byte[] actual = RemoteWriteEncoder.encode(
                List.of(new RemoteWriteEncoder.Series(Map.of("__name__", "a"), List.of(new RemoteWriteEncoder.Sample(2, 1.0)))),
                List.of());
        // WriteRequest.timeseries(1, len 28) { labels(1, len 13) {name(1)="__name__", value(2)="a"},
        //   samples(2, len 11) {value(1, fixed64)=1.0, timestamp(2, varint)=2} }
        String expected = "0a1c" + "0a0d" + "0a08" + hex("__name__") + "1201" + hex("a")
                + "120b" + "09" + "000000000000f03f" + "1002";
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(expected);
        assertThat(Snappy.uncompress(RemoteWriteEncoder.snappy(actual))).isEqualTo(actual);
    }

    @Test
    void remoteWriteMetadata() {
        byte[] actual = RemoteWriteEncoder.encode(List.of(),
                List.of(new RemoteWriteEncoder.Metadata(RemoteWriteEncoder.TYPE_COUNTER, "c", "h", "u")));
        // WriteRequest.metadata(3, len 11) {type(1)=1, family(2)="c", help(4)="h", unit(5)="u"}
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo("1a0b" + "0801" + "1201" + hex("c") + "2201" + hex("h") + "2a01" + hex("u"));
    }

    @Test
    void lokiPushMatchesHandEncodedBytes() {
        byte[] actual = LokiPushEncoder.protobuf(List.of(new LokiPushEncoder.Stream(Map.of("app", "a"),
                List.of(new LokiPushEncoder.Entry(1_000_000_002L, "x", Map.of("k", "v"))))));
        String labels = "{app=\"a\"}";
        // PushRequest.streams(1) { labels(1)="{app=\"a\"}", entries(2) { timestamp(1){seconds(1)=1,
        //   nanos(2)=2}, line(2)="x", structuredMetadata(3){name(1)="k", value(2)="v"} } }
        String entry = "0a04" + "0801" + "1002" + "1201" + hex("x") + "1a06" + "0a01" + hex("k") + "1201" + hex("v");
        String stream = "0a09" + hex(labels) + "12" + String.format("%02x", entry.length() / 2) + entry;
        assertThat(HexFormat.of().formatHex(actual)).isEqualTo("0a" + String.format("%02x", stream.length() / 2) + stream);
    }

    @Test
    void lokiLabelsTextEscapes() {
        assertThat(LokiPushEncoder.labelsText(Map.of("b", "q\"b\\n\nx", "a", "1")))
                .isEqualTo("{a=\"1\", b=\"q\\\"b\\\\n\\nx\"}");
    }

    @Test
    void lokiJsonKeepsTimestampsAsStrings() {
        String json = new String(LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(Map.of("app", "a"),
                List.of(new LokiPushEncoder.Entry(1700000000123456789L, "l", Map.of("k", "v")),
                        new LokiPushEncoder.Entry(1L, "m", Map.of()))))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":"
                + "[[\"1700000000123456789\",\"l\",{\"k\":\"v\"}],[\"1\",\"m\"]]}]}");
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
