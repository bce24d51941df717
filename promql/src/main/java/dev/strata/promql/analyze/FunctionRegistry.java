package dev.strata.promql.analyze;

import static dev.strata.promql.ast.ValueType.MATRIX;
import static dev.strata.promql.ast.ValueType.SCALAR;
import static dev.strata.promql.ast.ValueType.STRING;
import static dev.strata.promql.ast.ValueType.VECTOR;

import dev.strata.promql.ast.FunctionSignature;
import dev.strata.promql.ast.ValueType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The signatures of every PromQL function of Prometheus 3.x (as of Prometheus 3.14), including the
 * experimental ones, which the parser only accepts when experimental functions are enabled.
 */
public final class FunctionRegistry {
    private static final FunctionRegistry STANDARD = new FunctionRegistry(standardFunctions());

    private final Map<String, FunctionSignature> functions;

    public FunctionRegistry(Map<String, FunctionSignature> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** The Prometheus 3.x function set. */
    public static FunctionRegistry standard() {
        return STANDARD;
    }

    /** Looks a function up by its exact (case-sensitive) name. */
    public Optional<FunctionSignature> lookup(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** All functions, sorted by name. */
    public Collection<FunctionSignature> all() {
        return new TreeMap<>(functions).values();
    }

    private static Map<String, FunctionSignature> standardFunctions() {
        Map<String, FunctionSignature> functions = new TreeMap<>();
        add(functions, "abs", VECTOR, 0, false, VECTOR);
        add(functions, "absent", VECTOR, 0, false, VECTOR);
        add(functions, "absent_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "acos", VECTOR, 0, false, VECTOR);
        add(functions, "acosh", VECTOR, 0, false, VECTOR);
        add(functions, "asin", VECTOR, 0, false, VECTOR);
        add(functions, "asinh", VECTOR, 0, false, VECTOR);
        add(functions, "atan", VECTOR, 0, false, VECTOR);
        add(functions, "atanh", VECTOR, 0, false, VECTOR);
        add(functions, "avg_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "ceil", VECTOR, 0, false, VECTOR);
        add(functions, "changes", VECTOR, 0, false, MATRIX);
        add(functions, "clamp", VECTOR, 0, false, VECTOR, SCALAR, SCALAR);
        add(functions, "clamp_max", VECTOR, 0, false, VECTOR, SCALAR);
        add(functions, "clamp_min", VECTOR, 0, false, VECTOR, SCALAR);
        add(functions, "cos", VECTOR, 0, false, VECTOR);
        add(functions, "cosh", VECTOR, 0, false, VECTOR);
        add(functions, "count_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "day_of_month", VECTOR, 1, false, VECTOR);
        add(functions, "day_of_week", VECTOR, 1, false, VECTOR);
        add(functions, "day_of_year", VECTOR, 1, false, VECTOR);
        add(functions, "days_in_month", VECTOR, 1, false, VECTOR);
        add(functions, "deg", VECTOR, 0, false, VECTOR);
        add(functions, "delta", VECTOR, 0, false, MATRIX);
        add(functions, "deriv", VECTOR, 0, false, MATRIX);
        add(functions, "double_exponential_smoothing", VECTOR, 0, true, MATRIX, SCALAR, SCALAR);
        add(functions, "end", SCALAR, 0, true);
        add(functions, "exp", VECTOR, 0, false, VECTOR);
        add(functions, "first_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "floor", VECTOR, 0, false, VECTOR);
        add(functions, "histogram_avg", VECTOR, 0, false, VECTOR);
        add(functions, "histogram_count", VECTOR, 0, false, VECTOR);
        add(functions, "histogram_fraction", VECTOR, 0, false, SCALAR, SCALAR, VECTOR);
        add(functions, "histogram_quantile", VECTOR, 0, false, SCALAR, VECTOR);
        add(functions, "histogram_quantiles", VECTOR, 9, true, VECTOR, STRING, SCALAR, SCALAR);
        add(functions, "histogram_stddev", VECTOR, 0, false, VECTOR);
        add(functions, "histogram_stdvar", VECTOR, 0, false, VECTOR);
        add(functions, "histogram_sum", VECTOR, 0, false, VECTOR);
        add(functions, "hour", VECTOR, 1, false, VECTOR);
        add(functions, "idelta", VECTOR, 0, false, MATRIX);
        add(functions, "increase", VECTOR, 0, false, MATRIX);
        add(functions, "info", VECTOR, 1, true, VECTOR, VECTOR);
        add(functions, "irate", VECTOR, 0, false, MATRIX);
        add(functions, "label_join", VECTOR, -1, false, VECTOR, STRING, STRING, STRING);
        add(functions, "label_replace", VECTOR, 0, false, VECTOR, STRING, STRING, STRING, STRING);
        add(functions, "last_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "ln", VECTOR, 0, false, VECTOR);
        add(functions, "log10", VECTOR, 0, false, VECTOR);
        add(functions, "log2", VECTOR, 0, false, VECTOR);
        add(functions, "mad_over_time", VECTOR, 0, true, MATRIX);
        add(functions, "max_of", SCALAR, 0, true, SCALAR, SCALAR);
        add(functions, "max_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "min_of", SCALAR, 0, true, SCALAR, SCALAR);
        add(functions, "min_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "minute", VECTOR, 1, false, VECTOR);
        add(functions, "month", VECTOR, 1, false, VECTOR);
        add(functions, "pi", SCALAR, 0, false);
        add(functions, "predict_linear", VECTOR, 0, false, MATRIX, SCALAR);
        add(functions, "present_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "quantile_over_time", VECTOR, 0, false, SCALAR, MATRIX);
        add(functions, "rad", VECTOR, 0, false, VECTOR);
        add(functions, "range", SCALAR, 0, true);
        add(functions, "rate", VECTOR, 0, false, MATRIX);
        add(functions, "resets", VECTOR, 0, false, MATRIX);
        add(functions, "round", VECTOR, 1, false, VECTOR, SCALAR);
        add(functions, "scalar", SCALAR, 0, false, VECTOR);
        add(functions, "sgn", VECTOR, 0, false, VECTOR);
        add(functions, "sin", VECTOR, 0, false, VECTOR);
        add(functions, "sinh", VECTOR, 0, false, VECTOR);
        add(functions, "sort", VECTOR, 0, false, VECTOR);
        add(functions, "sort_by_label", VECTOR, -1, true, VECTOR, STRING);
        add(functions, "sort_by_label_desc", VECTOR, -1, true, VECTOR, STRING);
        add(functions, "sort_desc", VECTOR, 0, false, VECTOR);
        add(functions, "sqrt", VECTOR, 0, false, VECTOR);
        add(functions, "start", SCALAR, 0, true);
        add(functions, "start_timestamp", VECTOR, 0, true, VECTOR);
        add(functions, "stddev_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "stdvar_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "step", SCALAR, 0, true);
        add(functions, "sum_over_time", VECTOR, 0, false, MATRIX);
        add(functions, "tan", VECTOR, 0, false, VECTOR);
        add(functions, "tanh", VECTOR, 0, false, VECTOR);
        add(functions, "time", SCALAR, 0, false);
        add(functions, "timestamp", VECTOR, 0, false, VECTOR);
        add(functions, "ts_of_first_over_time", VECTOR, 0, true, MATRIX);
        add(functions, "ts_of_last_over_time", VECTOR, 0, true, MATRIX);
        add(functions, "ts_of_max_over_time", VECTOR, 0, true, MATRIX);
        add(functions, "ts_of_min_over_time", VECTOR, 0, true, MATRIX);
        add(functions, "vector", VECTOR, 0, false, SCALAR);
        add(functions, "year", VECTOR, 1, false, VECTOR);
        return functions;
    }

    private static void add(Map<String, FunctionSignature> functions, String name, ValueType returnType, int variadic, boolean experimental, ValueType... argTypes) {
        functions.put(name, new FunctionSignature(name, List.of(argTypes), variadic, returnType, experimental));
    }
}
