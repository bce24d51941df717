package dev.strata.tests.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The compliance tester's comparison rules, on hand-written query_range answers. */
final class TestQueryAnswer {
    private static final String ONE_SERIES = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"job":"demo","__name__":"up"},"values":[[1700000000.5,"1"],[1700000010.5,"%s"]]}]}}""";

    @Test
    void parsesTimestampsToMillisecondsAndPrometheusFloatSpellings() {
        QueryAnswer answer = QueryAnswer.parse(200, ONE_SERIES.formatted("+Inf"));
        assertThat(answer.success()).isTrue();
        assertThat(answer.series()).containsOnlyKeys("{__name__=up, job=demo}");
        QueryAnswer.Points points = answer.series().get("{__name__=up, job=demo}");
        assertThat(points.timestampsMs()).containsExactly(1_700_000_000_500L, 1_700_000_010_500L);
        assertThat(points.values()).containsExactly(1, Double.POSITIVE_INFINITY);
    }

    @Test
    void vectorsAndScalarsAreOnePointSeriesAndTheirTypeMustMatch() {
        QueryAnswer vector = QueryAnswer.parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{},"value":[1700000000.5,"2"]}]}}""");
        QueryAnswer scalar = QueryAnswer.parse(200, """
                {"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"2"]}}""");
        assertThat(vector.series()).containsOnlyKeys("{}");
        assertThat(scalar.series().get("{}").timestampsMs()).containsExactly(1_700_000_000_500L);
        assertThat(scalar.series().get("{}").values()).containsExactly(2);
        assertThat(vector.compare(scalar, false)).hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("type"));
        assertThat(scalar.compare(scalar, false)).isEmpty();
    }

    @Test
    void valuesWithinOneHundredThousandthRelativeAgree() {
        QueryAnswer reference = QueryAnswer.parse(200, ONE_SERIES.formatted("100000"));
        assertThat(reference.compare(QueryAnswer.parse(200, ONE_SERIES.formatted("100000.9")), false)).isEmpty();
        assertThat(reference.compare(QueryAnswer.parse(200, ONE_SERIES.formatted("100001.1")), false))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("values"));
        // no absolute margin: zero only equals zero
        assertThat(QueryAnswer.close(0, 1e-300)).isFalse();
        assertThat(QueryAnswer.close(Double.NaN, Double.NaN)).isTrue();
        assertThat(QueryAnswer.close(Double.NaN, 1)).isFalse();
        assertThat(QueryAnswer.close(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isTrue();
        assertThat(QueryAnswer.close(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    }

    @Test
    void labelSetsTimestampsAndOutcomesMustMatchExactly() {
        QueryAnswer reference = QueryAnswer.parse(200, ONE_SERIES.formatted("2"));
        String otherLabels = ONE_SERIES.formatted("2").replace("\"demo\"", "\"other\"");
        String otherTimestamp = ONE_SERIES.formatted("2").replace("1700000010.5", "1700000010");
        String error = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no\"}";
        assertThat(reference.compare(QueryAnswer.parse(200, otherLabels), false))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("series"));
        assertThat(reference.compare(QueryAnswer.parse(200, otherTimestamp), false))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("timestamps"));
        assertThat(reference.compare(QueryAnswer.parse(400, error), false))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("error"));
        assertThat(QueryAnswer.parse(400, error).compare(reference, true))
                .hasValueSatisfying(m -> assertThat(m.reason()).isEqualTo("succeeded"));
        // should_fail queries compare the outcome only
        assertThat(reference.compare(QueryAnswer.parse(200, otherLabels), true)).isEmpty();
    }
}
