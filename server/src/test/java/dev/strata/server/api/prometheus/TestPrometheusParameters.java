package dev.strata.server.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.server.http.FormParameters;
import dev.strata.server.http.HttpRequest;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.MatchOp;
import dev.strata.spi.model.TimeRange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time, limit and {@code match[]} parsing as Prometheus's {@code parseTime}/{@code parseLimitParam} behave. */
final class TestPrometheusParameters {
    private static final PromQlParser PARSER = new PromQlParser(ParserOptions.DEFAULT);

    private static PrometheusParameters get(Map<String, List<String>> query) {
        return new PrometheusParameters(FormParameters.of(new HttpRequest("GET", "/api/v1/labels", query,
                new DefaultHttpHeaders(), new byte[0], Map.of())), PARSER);
    }

    @Test
    void floatSecondsAreRoundedToTheMillisecond() {
        assertThat(PrometheusParameters.parseTimeNanos("1700000000", "t")).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("1700000000.123456789", "t")).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("4", "t")).isEqualTo(4_000_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("-1.5", "t")).isEqualTo(-1_500_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("1e3", "t")).isEqualTo(1_000_000_000_000L);
        // Grafana's exemplar probe sends milliseconds: absurd but parseable, so no error
        assertThat(PrometheusParameters.parseTimeNanos("1700000000000", "t")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rfc3339AndPrometheusBoundaryTimes() {
        assertThat(PrometheusParameters.parseTimeNanos("2023-11-14T22:13:20Z", "t")).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("2023-11-14T23:13:20.5+01:00", "t")).isEqualTo(1_700_000_000_500_000_000L);
        assertThat(PrometheusParameters.parseTimeNanos("-292273086-05-16T16:47:06Z", "t")).isEqualTo(Long.MIN_VALUE);
        assertThat(PrometheusParameters.parseTimeNanos("292277025-08-18T07:12:54.999999999Z", "t")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void unparsableTimesAreBadData() {
        for (String bad : List.of("yesterday", "1d", "NaN", " 1", "2023-11-14")) {
            assertThatThrownBy(() -> PrometheusParameters.parseTimeNanos(bad, "start"))
                    .isInstanceOf(StrataException.class)
                    .hasMessage("invalid parameter \"start\": cannot parse \"" + bad + "\" to a valid timestamp");
        }
    }

    @Test
    void absentTimesMeanAllTime() {
        assertThat(get(Map.of()).range()).isEqualTo(TimeRange.ALL);
        assertThat(get(Map.of("start", List.of("1"), "end", List.of("2"))).range())
                .isEqualTo(new TimeRange(1_000_000_000L, 2_000_000_000L));
    }

    @Test
    void limitZeroOrAbsentIsUnlimited() {
        assertThat(get(Map.of()).limit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(get(Map.of("limit", List.of("0"))).limit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(get(Map.of("limit", List.of("40000"))).limit()).isEqualTo(40_000);
        assertThatThrownBy(() -> get(Map.of("limit", List.of("-1"))).limit()).hasMessage("limit must be non-negative");
        assertThatThrownBy(() -> get(Map.of("limit", List.of("x"))).limit())
                .hasMessage("strconv.Atoi: parsing \"x\": invalid syntax");
    }

    @Test
    void formBodyValuesComeBeforeQueryStringValues() {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        HttpRequest request = new HttpRequest("POST", "/api/v1/series", Map.of("match[]", List.of("b"), "limit", List.of("9")),
                headers, "match%5B%5D=%7Bjob%3D%22a%22%7D&limit=1".getBytes(StandardCharsets.UTF_8), Map.of());
        PrometheusParameters parameters = new PrometheusParameters(FormParameters.of(request), PARSER);
        assertThat(parameters.limit()).isEqualTo(1);
        assertThat(parameters.matchers()).hasSize(2);
        assertThat(parameters.matchers().get(0)).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("job");
            assertThat(m.op()).isEqualTo(MatchOp.EQUAL);
            assertThat(m.value()).isEqualTo("a");
        });
        assertThat(parameters.matchers().get(1)).singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("__name__"));
    }
}
