package dev.strata.server.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Expected texts are what Prometheus's {@code jsonutil} and API encoder write for the same values. */
final class TestPrometheusJsonWriter {
    private static String written(Consumer<PrometheusJsonWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrometheusJsonWriter writer = new PrometheusJsonWriter(out)) {
            body.accept(writer);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void timestampsAreSecondsWithThreeDigitMillisecondsLikeMarshalTimestamp() {
        assertThat(PrometheusJsonWriter.formatTimestamp(1_700_000_000_000L)).isEqualTo("1700000000");
        assertThat(PrometheusJsonWriter.formatTimestamp(1_700_000_000_123L)).isEqualTo("1700000000.123");
        assertThat(PrometheusJsonWriter.formatTimestamp(1_700_000_000_500L)).isEqualTo("1700000000.500");
        assertThat(PrometheusJsonWriter.formatTimestamp(1_700_000_000_005L)).isEqualTo("1700000000.005");
        assertThat(PrometheusJsonWriter.formatTimestamp(1_700_000_000_050L)).isEqualTo("1700000000.050");
        assertThat(PrometheusJsonWriter.formatTimestamp(4_000L)).isEqualTo("4");
        assertThat(PrometheusJsonWriter.formatTimestamp(0L)).isEqualTo("0");
        assertThat(PrometheusJsonWriter.formatTimestamp(-1_500L)).isEqualTo("-1.500");
        assertThat(PrometheusJsonWriter.formatTimestamp(-5L)).isEqualTo("-0.005");
    }

    @Test
    void valuesAreGoShortestFormatWithPrometheusSpecialValues() {
        assertThat(PrometheusJsonWriter.formatValue(1.0)).isEqualTo("1");
        assertThat(PrometheusJsonWriter.formatValue(2.0)).isEqualTo("2");
        assertThat(PrometheusJsonWriter.formatValue(0.25)).isEqualTo("0.25");
        assertThat(PrometheusJsonWriter.formatValue(-3.5)).isEqualTo("-3.5");
        assertThat(PrometheusJsonWriter.formatValue(0.1)).isEqualTo("0.1");
        assertThat(PrometheusJsonWriter.formatValue(1e-7)).isEqualTo("1e-07");
        assertThat(PrometheusJsonWriter.formatValue(1.5e21)).isEqualTo("1.5e+21");
        assertThat(PrometheusJsonWriter.formatValue(-2.5e-10)).isEqualTo("-2.5e-10");
        assertThat(PrometheusJsonWriter.formatValue(1e100)).isEqualTo("1e+100");
        assertThat(PrometheusJsonWriter.formatValue(1e20)).isEqualTo("100000000000000000000");
        assertThat(PrometheusJsonWriter.formatValue(1e-6)).isEqualTo("0.000001");
        assertThat(PrometheusJsonWriter.formatValue(123456789.125)).isEqualTo("123456789.125");
        assertThat(PrometheusJsonWriter.formatValue(0.0)).isEqualTo("0");
        assertThat(PrometheusJsonWriter.formatValue(-0.0)).isEqualTo("-0");
        assertThat(PrometheusJsonWriter.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusJsonWriter.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusJsonWriter.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PrometheusJsonWriter.formatValue(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PrometheusJsonWriter.formatValue(Double.MIN_VALUE)).isEqualTo("5e-324");
        // integral values (counters) take the integer path: digits as Go's FormatFloat(v, 'f', -1) writes them
        assertThat(PrometheusJsonWriter.formatValue(1200.0)).isEqualTo("1200");
        assertThat(PrometheusJsonWriter.formatValue(-45_000_123.0)).isEqualTo("-45000123");
        assertThat(PrometheusJsonWriter.formatValue(9_007_199_254_740_991.0)).isEqualTo("9007199254740991");
        assertThat(PrometheusJsonWriter.formatValue(9_007_199_254_740_992.0)).isEqualTo("9007199254740992");
        assertThat(PrometheusJsonWriter.formatValue(1e16)).isEqualTo("10000000000000000");
    }

    @Test
    void instantVectorInEnvelope() {
        String json = written(w -> {
            w.beginSuccess().beginVector()
                    .vectorSample(Labels.of("__name__", "up", "job", "api"), 1_700_000_000_500L, 1)
                    .vectorSample(Labels.of("job", "db"), 1_700_000_000_500L, Double.NaN)
                    .endResult();
            w.endSuccess();
        });
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"api\"},\"value\":[1700000000.500,\"1\"]},"
                + "{\"metric\":{\"job\":\"db\"},\"value\":[1700000000.500,\"NaN\"]}]}}");
    }

    @Test
    void emptyVectorIsAnEmptyArray() {
        String json = written(w -> {
            w.beginSuccess().beginVector().endResult();
            w.endSuccess();
        });
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    }

    @Test
    void matrixWithWarningsAndInfos() {
        String json = written(w -> {
            w.beginSuccess().beginMatrix()
                    .beginSeries(Labels.of("job", "api")).point(1_700_000_000_000L, 3).point(1_700_000_015_000L, Double.POSITIVE_INFINITY).endSeries()
                    .beginSeries(Labels.EMPTY).point(1_700_000_000_000L, -1e-9).endSeries()
                    .endResult();
            w.endSuccess(List.of("results truncated due to limit"), List.of("PromQL info: metric might not be a counter"));
        });
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"job\":\"api\"},\"values\":[[1700000000,\"3\"],[1700000015,\"+Inf\"]]},"
                + "{\"metric\":{},\"values\":[[1700000000,\"-1e-09\"]]}]},"
                + "\"warnings\":[\"results truncated due to limit\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter\"]}");
    }

    @Test
    void scalarAsGrafanaHealthCheckExpects() {
        String json = written(w -> {
            w.beginSuccess().scalar(4_000L, 2);
            w.endSuccess();
        });
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}");
    }

    @Test
    void stringResult() {
        String json = written(w -> {
            w.beginSuccess().string(1_700_000_000_123L, "he said \"hi\"");
            w.endSuccess();
        });
        assertThat(json).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\","
                + "\"result\":[1700000000.123,\"he said \\\"hi\\\"\"]}}");
    }

    @Test
    void labelNameEscapingFollowsPrometheusValueEncoding() {
        assertThat(LabelNameEscaping.unescape("U__http_2e_server_2e_duration")).isEqualTo("http.server.duration");
        assertThat(LabelNameEscaping.unescape("U__my__name")).isEqualTo("my_name");
        assertThat(LabelNameEscaping.unescape("U__caf_e9_")).isEqualTo("caf\u00e9");
        assertThat(LabelNameEscaping.unescape("job")).isEqualTo("job");
        assertThat(LabelNameEscaping.unescape("U__bad_zz_")).isEqualTo("U__bad_zz_");
    }
}
