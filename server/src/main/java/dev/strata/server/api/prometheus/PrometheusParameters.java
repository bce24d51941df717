package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.parse.PromQlParser;
import dev.strata.server.ServerErrorCode;
import dev.strata.server.http.FormParameters;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.TimeRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the parameters the Prometheus API shares ({@code web/api/v1/api.go}): times
 * ({@code parseTime}: float Unix seconds rounded to the millisecond, or RFC 3339), {@code limit}
 * ({@code parseLimitParam}) and {@code match[]} selectors. Failures are {@code bad_data} errors
 * worded as Prometheus words them. Immutable.
 */
public final class PrometheusParameters {
    /** Prometheus's formatted {@code MinTime} and {@code MaxTime}, which clients echo back. */
    private static final String MIN_TIME_FORMATTED = "-292273086-05-16T16:47:06Z";
    private static final String MAX_TIME_FORMATTED = "292277025-08-18T07:12:54.999999999Z";
    private static final double MAX_SECONDS = Long.MAX_VALUE / 1e9;

    private final FormParameters form;
    private final PromQlParser parser;

    public PrometheusParameters(FormParameters form, PromQlParser parser) {
        this.form = requireNonNull(form, "form is null");
        this.parser = requireNonNull(parser, "parser is null");
    }

    public String string(String name) {
        return form.first(name);
    }

    /** {@code start} and {@code end} as a closed range; absent ones default to all time. */
    public TimeRange range() {
        long start = timeNanos("start", Long.MIN_VALUE);
        long end = timeNanos("end", Long.MAX_VALUE);
        return new TimeRange(start, end);
    }

    /** A time parameter in Unix nanoseconds, or {@code defaultNanos} when absent. */
    public long timeNanos(String name, long defaultNanos) {
        String text = form.first(name);
        if (text.isEmpty()) {
            return defaultNanos;
        }
        return parseTimeNanos(text, name);
    }

    static long parseTimeNanos(String text, String parameter) {
        try {
            double seconds = Double.parseDouble(text.trim());
            if (!Double.isNaN(seconds) && isGoFloat(text)) {
                if (seconds >= MAX_SECONDS) {
                    return Long.MAX_VALUE;
                }
                if (seconds <= -MAX_SECONDS) {
                    return Long.MIN_VALUE;
                }
                long whole = (long) seconds;
                long millis = Math.round((seconds - whole) * 1000);
                return whole * 1_000_000_000L + millis * 1_000_000L;
            }
        } catch (NumberFormatException notANumber) {
            // then RFC 3339
        }
        if (text.equals(MIN_TIME_FORMATTED)) {
            return Long.MIN_VALUE;
        }
        if (text.equals(MAX_TIME_FORMATTED)) {
            return Long.MAX_VALUE;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid(parameter, "cannot parse \"" + text + "\" to a valid timestamp");
        }
    }

    /** Java accepts suffixes ({@code 1d}, {@code 1f}) and blanks Go's ParseFloat refuses. */
    private static boolean isGoFloat(String text) {
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return false;
        }
        char last = Character.toLowerCase(text.charAt(text.length() - 1));
        return last != 'd' && last != 'f';
    }

    /** {@code limit}: absent or 0 means unlimited ({@link Integer#MAX_VALUE}); negative is an error. */
    public int limit() {
        String text = form.first("limit");
        if (text.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER,
                    "strconv.Atoi: parsing \"" + text + "\": invalid syntax");
        }
        if (limit < 0) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER, "limit must be non-negative");
        }
        return limit == 0 ? Integer.MAX_VALUE : limit;
    }

    /** An integer parameter such as {@code limit_per_metric}, or the default when absent. */
    public int integer(String name, int defaultValue) {
        String text = form.first(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "strconv.Atoi: parsing \"" + text + "\": invalid syntax");
        }
    }

    /**
     * The {@code match[]} selectors, each a list of matchers; as Prometheus, a selector whose
     * every matcher matches the empty string is refused.
     */
    public List<List<LabelMatcher>> matchers() {
        List<String> selectors = form.all("match[]");
        List<List<LabelMatcher>> sets = new ArrayList<>(selectors.size());
        for (String selector : selectors) {
            List<LabelMatcher> matchers;
            try {
                matchers = parser.parseMetricSelector(selector);
            } catch (StrataException e) {
                throw new StrataException(ServerErrorCode.INVALID_PARAMETER, PromQlParser.prometheusMessage(e), e);
            }
            boolean anyNonEmpty = false;
            for (LabelMatcher matcher : matchers) {
                anyNonEmpty |= !matcher.matchesEmpty();
            }
            if (!anyNonEmpty) {
                throw new StrataException(ServerErrorCode.INVALID_PARAMETER,
                        "match[] must contain at least one non-empty matcher");
            }
            sets.add(matchers);
        }
        return sets;
    }

    /** Prometheus's {@code invalidParamError}. */
    static StrataException invalid(String parameter, String reason) {
        return new StrataException(ServerErrorCode.INVALID_PARAMETER, "invalid parameter \"" + parameter + "\": " + reason);
    }
}
