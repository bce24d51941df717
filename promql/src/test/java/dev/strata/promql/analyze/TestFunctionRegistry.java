package dev.strata.promql.analyze;

import static dev.strata.promql.ast.ValueType.MATRIX;
import static dev.strata.promql.ast.ValueType.SCALAR;
import static dev.strata.promql.ast.ValueType.STRING;
import static dev.strata.promql.ast.ValueType.VECTOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.promql.ast.FunctionSignature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signatures as documented in Prometheus's function reference. */
final class TestFunctionRegistry {
    private final FunctionRegistry registry = FunctionRegistry.standard();

    @Test
    void containsEveryPrometheusFunction() {
        assertThat(registry.all()).hasSize(90);
        for (String name : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "histogram_quantile",
                "label_replace", "label_join", "absent", "absent_over_time", "present_over_time", "count_over_time", "mad_over_time",
                "quantile_over_time", "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "clamp", "clamp_min", "clamp_max",
                "vector", "scalar", "time", "timestamp", "day_of_week", "days_in_month", "year", "pi", "sin", "cos", "atanh", "deg", "rad",
                "sgn", "double_exponential_smoothing", "info", "ts_of_max_over_time", "resets", "changes", "round")) {
            assertThat(registry.lookup(name)).as(name).isPresent();
        }
        assertThat(registry.lookup("Rate")).isEmpty();
        assertThat(registry.lookup("holt_winters")).isEmpty();
    }

    @Test
    void signatures() {
        assertThat(registry.lookup("rate").orElseThrow()).isEqualTo(new FunctionSignature("rate", List.of(MATRIX), 0, VECTOR, false));
        assertThat(registry.lookup("histogram_quantile").orElseThrow()).isEqualTo(new FunctionSignature("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, false));
        assertThat(registry.lookup("label_replace").orElseThrow().argTypes()).containsExactly(VECTOR, STRING, STRING, STRING, STRING);
        assertThat(registry.lookup("label_join").orElseThrow().variadic()).isEqualTo(-1);
        assertThat(registry.lookup("round").orElseThrow()).isEqualTo(new FunctionSignature("round", List.of(VECTOR, SCALAR), 1, VECTOR, false));
        assertThat(registry.lookup("year").orElseThrow().variadic()).isEqualTo(1);
        assertThat(registry.lookup("time").orElseThrow().returnType()).isEqualTo(SCALAR);
        assertThat(registry.lookup("scalar").orElseThrow().returnType()).isEqualTo(SCALAR);
    }

    @Test
    void marksExperimentalFunctions() {
        for (String name : List.of("sort_by_label", "sort_by_label_desc", "info", "mad_over_time", "double_exponential_smoothing",
                "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time", "start", "end", "step",
                "range", "min_of", "max_of", "histogram_quantiles", "start_timestamp")) {
            assertThat(registry.lookup(name).orElseThrow().experimental()).as(name).isTrue();
        }
        assertThat(registry.all().stream().filter(FunctionSignature::experimental).count()).isEqualTo(17);
        assertThat(registry.lookup("histogram_quantile").orElseThrow().experimental()).isFalse();
    }
}
