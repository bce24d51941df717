package dev.strata.tests.promql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One {@code /api/v1/query_range} or {@code /api/v1/query} answer reduced to what the compliance
 * tester compares: success or failure, and for a success the result type and the series keyed by
 * their sorted label set, each with millisecond timestamps and float values (a vector sample or a
 * scalar is one point; a scalar's key is {@code {}}).
 */
record QueryAnswer(boolean success, String error, String resultType, Map<String, Points> series) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tester's default tolerance: relative difference up to 1e-5 of the smaller magnitude, no absolute margin. */
    static final double FRACTION = 1e-5;

    QueryAnswer {
        requireNonNull(error, "error is null");
        requireNonNull(resultType, "resultType is null");
        series = new TreeMap<>(requireNonNull(series, "series is null"));
    }

    /** Timestamps and values of one series, in the order the server wrote them. */
    record Points(long[] timestampsMs, double[] values) {
        Points {
            requireNonNull(timestampsMs, "timestampsMs is null");
            requireNonNull(values, "values is null");
        }
    }

    /** Parses the HTTP status and body of a query or query_range call. */
    static QueryAnswer parse(int httpStatus, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return failure("HTTP " + httpStatus + ", not JSON: " + abbreviate(body));
        }
        if (httpStatus != 200 || !"success".equals(root.path("status").asText())) {
            return failure("HTTP " + httpStatus + " " + root.path("errorType").asText() + ": " + root.path("error").asText());
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText();
        Map<String, Points> series = new TreeMap<>();
        if (resultType.equals("scalar") || resultType.equals("string")) {
            JsonNode point = data.path("result");
            double value = resultType.equals("scalar") ? parseValue(point.get(1).asText()) : Double.NaN;
            series.put("{}", new Points(new long[] {millis(point.get(0))}, new double[] {value}));
            return new QueryAnswer(true, "", resultType, series);
        }
        for (JsonNode one : data.path("result")) {
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = one.path("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            // a matrix series has "values", a vector sample one "value"
            JsonNode values = one.has("values") ? one.path("values") : JSON.createArrayNode().add(one.path("value"));
            long[] timestamps = new long[values.size()];
            double[] samples = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                timestamps[i] = millis(values.get(i).get(0));
                samples[i] = parseValue(values.get(i).get(1).asText());
            }
            if (series.put(labels.toString(), new Points(timestamps, samples)) != null) {
                return failure("duplicate series " + labels);
            }
        }
        return new QueryAnswer(true, "", resultType, series);
    }

    private static QueryAnswer failure(String error) {
        return new QueryAnswer(false, error, "", Map.of());
    }

    private static long millis(JsonNode seconds) {
        return new BigDecimal(seconds.asText()).movePointRight(3).longValue();
    }

    /**
     * Why {@code target} differs from this (the reference) answer, or empty when it agrees: a
     * one-word reason and a detail for the log.
     */
    Optional<Mismatch> compare(QueryAnswer target, boolean onlyOutcome) {
        if (success != target.success) {
            return Optional.of(success
                    ? new Mismatch("error", "Prometheus succeeded, Strata failed: " + target.error)
                    : new Mismatch("succeeded", "Prometheus failed (" + error + "), Strata succeeded"));
        }
        if (!success || onlyOutcome) {
            return Optional.empty();
        }
        if (!resultType.equals(target.resultType)) {
            return Optional.of(new Mismatch("type", "Prometheus " + resultType + ", Strata " + target.resultType));
        }
        if (!series.keySet().equals(target.series.keySet())) {
            return Optional.of(new Mismatch("series", "Prometheus " + abbreviate(series.keySet().toString())
                    + " Strata " + abbreviate(target.series.keySet().toString())));
        }
        for (Map.Entry<String, Points> entry : series.entrySet()) {
            Points expected = entry.getValue();
            Points actual = target.series.get(entry.getKey());
            if (!Arrays.equals(expected.timestampsMs(), actual.timestampsMs())) {
                return Optional.of(new Mismatch("timestamps", entry.getKey() + ": Prometheus " + expected.timestampsMs().length
                        + " points " + abbreviate(Arrays.toString(expected.timestampsMs())) + " Strata "
                        + actual.timestampsMs().length + " points " + abbreviate(Arrays.toString(actual.timestampsMs()))));
            }
            for (int i = 0; i < expected.values().length; i++) {
                if (!close(expected.values()[i], actual.values()[i])) {
                    return Optional.of(new Mismatch("values", entry.getKey() + " at " + expected.timestampsMs()[i]
                            + ": Prometheus " + expected.values()[i] + " Strata " + actual.values()[i]));
                }
            }
        }
        return Optional.empty();
    }

    /** The tester's float equality: NaN equals NaN, infinities equal only themselves, else |a−b| ≤ 1e-5·min(|a|,|b|). */
    static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (a == b) {
            return true;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            // stricter than the tester, where |Inf − (−Inf)| ≤ 1e-5·Inf holds
            return false;
        }
        return Math.abs(a - b) <= FRACTION * Math.min(Math.abs(a), Math.abs(b));
    }

    /** How a target answer differs from the reference. */
    record Mismatch(String reason, String detail) {
        Mismatch {
            requireNonNull(reason, "reason is null");
            requireNonNull(detail, "detail is null");
        }
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
