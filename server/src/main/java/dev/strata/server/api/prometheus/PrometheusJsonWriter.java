package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.strata.spi.model.Labels;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * Streams Prometheus API responses exactly as Prometheus writes them ({@code web/api/v1/api.go},
 * {@code util/jsonutil/marshal.go}): the {@code {"status":"success","data":...}} envelope with
 * {@code warnings}/{@code infos} only when non-empty, instant vectors, matrices, scalars and strings,
 * timestamps as JSON numbers of seconds with millisecond precision and sample values as strings in
 * Go's shortest round-trip form ({@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}). Not thread-safe;
 * one writer per response. Closing flushes the generator but leaves the stream open.
 */
public final class PrometheusJsonWriter implements Closeable {
    /** 2^53: every integer below it is a double, so its decimal digits round-trip as they are. */
    private static final double INTEGER_DIGITS_EXACT = 9_007_199_254_740_992.0;
    private static final JsonFactory JSON = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JsonGenerator json;

    public PrometheusJsonWriter(OutputStream out) {
        requireNonNull(out, "out is null");
        try {
            this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator, for {@code data} shapes this class does not know; write one JSON value. */
    public JsonGenerator generator() {
        return json;
    }

    /** Starts {@code {"status":"success","data":}; write the data next, then {@link #endSuccess}. */
    public PrometheusJsonWriter beginSuccess() {
        return write(() -> {
            json.writeStartObject();
            json.writeStringField("status", "success");
            json.writeFieldName("data");
        });
    }

    /** Closes the envelope; {@code warnings} and {@code infos} are left out when empty, as Prometheus does. */
    public void endSuccess(List<String> warnings, List<String> infos) {
        write(() -> {
            writeNonEmpty("warnings", warnings);
            writeNonEmpty("infos", infos);
            json.writeEndObject();
        });
    }

    public void endSuccess() {
        endSuccess(List.of(), List.of());
    }

    private void writeNonEmpty(String field, List<String> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(field);
        for (String message : messages) {
            json.writeString(message);
        }
        json.writeEndArray();
    }

    /** A JSON array of strings ({@code []} when empty, never null). */
    public PrometheusJsonWriter stringArray(Collection<String> values) {
        return write(() -> {
            json.writeStartArray();
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        });
    }

    /** A label set as a JSON object, in the set's (sorted) order. */
    public PrometheusJsonWriter labels(Labels labels) {
        return write(() -> {
            json.writeStartObject();
            for (int i = 0; i < labels.size(); i++) {
                json.writeStringField(labels.name(i), labels.value(i));
            }
            json.writeEndObject();
        });
    }

    /** Starts {@code {"resultType":"vector","result":[}; then {@link #vectorSample}s, then {@link #endResult}. */
    public PrometheusJsonWriter beginVector() {
        return beginResult("vector");
    }

    /** One element of an instant vector: {@code {"metric":{...},"value":[t,"v"]}}. */
    public PrometheusJsonWriter vectorSample(Labels metric, long timestampMillis, double value) {
        return write(() -> {
            json.writeStartObject();
            json.writeFieldName("metric");
            labels(metric);
            json.writeFieldName("value");
            point(timestampMillis, value);
            json.writeEndObject();
        });
    }

    /** Starts {@code {"resultType":"matrix","result":[}; then series, then {@link #endResult}. */
    public PrometheusJsonWriter beginMatrix() {
        return beginResult("matrix");
    }

    /** Starts one series of a matrix: {@code {"metric":{...},"values":[}; then {@link #point}s. */
    public PrometheusJsonWriter beginSeries(Labels metric) {
        return write(() -> {
            json.writeStartObject();
            json.writeFieldName("metric");
            labels(metric);
            json.writeArrayFieldStart("values");
        });
    }

    public PrometheusJsonWriter endSeries() {
        return write(() -> {
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** A sample pair {@code [t,"v"]}. Written without {@link #write}: it runs once per sample. */
    public PrometheusJsonWriter point(long timestampMillis, double value) {
        try {
            json.writeStartArray();
            json.writeNumber(formatTimestamp(timestampMillis));
            json.writeString(formatValue(value));
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Closes the {@code result} array and the data object. */
    public PrometheusJsonWriter endResult() {
        return write(() -> {
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** {@code {"resultType":"scalar","result":[t,"v"]}}. */
    public PrometheusJsonWriter scalar(long timestampMillis, double value) {
        return write(() -> {
            json.writeStartObject();
            json.writeStringField("resultType", "scalar");
            json.writeFieldName("result");
            point(timestampMillis, value);
            json.writeEndObject();
        });
    }

    /** {@code {"resultType":"string","result":[t,"text"]}}. */
    public PrometheusJsonWriter string(long timestampMillis, String value) {
        return write(() -> {
            json.writeStartObject();
            json.writeStringField("resultType", "string");
            json.writeArrayFieldStart("result");
            json.writeNumber(formatTimestamp(timestampMillis));
            json.writeString(value);
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private PrometheusJsonWriter beginResult(String type) {
        return write(() -> {
            json.writeStartObject();
            json.writeStringField("resultType", type);
            json.writeArrayFieldStart("result");
        });
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A millisecond timestamp as Prometheus's {@code MarshalTimestamp} writes it: whole seconds,
     * then {@code .} and exactly three digits when the milliseconds are not zero
     * ({@code 1700000000}, {@code 1700000000.500}, {@code 1700000000.123}, {@code -1.500}).
     */
    public static String formatTimestamp(long timestampMillis) {
        StringBuilder out = new StringBuilder(24);
        long t = timestampMillis;
        if (t < 0) {
            out.append('-');
            if (t == Long.MIN_VALUE) {
                return out.append("9223372036854775.808").toString();
            }
            t = -t;
        }
        out.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            out.append('.');
            if (fraction < 100) {
                out.append('0');
            }
            if (fraction < 10) {
                out.append('0');
            }
            out.append(fraction);
        }
        return out.toString();
    }

    /**
     * A sample value as Prometheus's {@code MarshalFloat} writes it: Go's shortest round-trip
     * digits, plain notation unless the magnitude is below 1e-6 or at least 1e21, where it is
     * {@code 1e-07} / {@code 1.5e+21} (at least two exponent digits); {@code NaN}, {@code +Inf},
     * {@code -Inf}.
     */
    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        if (value == Math.rint(value) && Math.abs(value) < INTEGER_DIGITS_EXACT) {
            // counters and counts: below 2^53 neighbouring doubles are at most 1 apart, so an
            // integral value's shortest round-trip digits are its own (no BigDecimal per point)
            return Long.toString((long) value);
        }
        // Double.toString gives near-shortest digits (JDK 17 sometimes one too many, JDK-4511638):
        // drop digits while the value still round-trips, then lay them out as Go does
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        while (decimal.precision() > 1) {
            BigDecimal shorter = decimal.round(new MathContext(decimal.precision() - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() != value) {
                break;
            }
            decimal = shorter.stripTrailingZeros();
        }
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (value < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int absExponent = Math.abs(exponent);
        if (absExponent < 10) {
            out.append('0');
        }
        return out.append(absExponent).toString();
    }

    /** One step of output; Jackson's checked {@link IOException} becomes unchecked here, once. */
    @FunctionalInterface
    private interface JsonStep {
        void write() throws IOException;
    }

    private PrometheusJsonWriter write(JsonStep step) {
        try {
            step.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
