package dev.strata.ingest.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP names to Prometheus names, as Prometheus's OTLP receiver (2.x/3.x, translation strategy
 * {@code UnderscoreEscapingWithSuffixes}) and the OpenTelemetry compatibility specification
 * define them. Metric names are split into tokens at every character outside
 * {@code [a-zA-Z0-9:]}, the unit's Prometheus word is appended unless already a token
 * ({@code s} → {@code seconds}, {@code By} → {@code bytes}, {@code By/s} →
 * {@code bytes_per_second}, annotations in braces dropped), {@code total} is moved to the end of
 * monotonic counters, {@code ratio} to the end of gauges (not non-monotonic sums) with unit {@code 1}, and the tokens are
 * joined with underscores ({@code _} prefixed when the result starts with a digit). Label names
 * have invalid characters replaced with {@code _}, and get a {@code key} prefix when they start
 * with a digit or a single underscore.
 */
public final class PrometheusNaming {
    /** The kind of metric, which decides the type suffixes. */
    public enum Kind { GAUGE, MONOTONIC_COUNTER, NON_MONOTONIC_COUNTER, HISTOGRAM, SUMMARY }

    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"), Map.entry("s", "seconds"),
            Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
            Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
            Map.entry("1", ""), Map.entry("%", "percent"));

    private static final Map<String, String> PER_UNITS = Map.of(
            "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

    private PrometheusNaming() {}

    /** The Prometheus metric name, or "" when nothing valid is left of the name. */
    public static String metricName(String name, String unit, Kind kind) {
        List<String> tokens = tokens(name);
        String[] suffixes = unitSuffixes(unit);
        String main = cleanUnit(suffixes[0]);
        String per = cleanUnit(suffixes[1]);
        if (!main.isEmpty() && !tokens.contains(main)) {
            tokens.add(main);
        }
        if (!per.isEmpty() && !per.equals("per") && !tokens.contains(per)) {
            tokens.add(per);
        }
        if (kind == Kind.MONOTONIC_COUNTER) {
            tokens.removeIf("total"::equals);
            tokens.add("total");
        }
        if ("1".equals(unit) && kind == Kind.GAUGE) {
            tokens.removeIf("ratio"::equals);
            tokens.add("ratio");
        }
        String joined = String.join("_", tokens);
        if (!joined.isEmpty() && Character.isDigit(joined.charAt(0))) {
            joined = "_" + joined;
        }
        return joined;
    }

    /** The unit as Prometheus metadata names it (the main unit word, e.g. {@code seconds}). */
    public static String unitName(String unit) {
        String[] suffixes = unitSuffixes(unit);
        String main = cleanUnit(suffixes[0]);
        String per = cleanUnit(suffixes[1]);
        if (per.isEmpty() || per.equals("per")) {
            return main;
        }
        return main.isEmpty() ? per : main + "_" + per;
    }

    /** A label name Prometheus accepts, from an attribute key ("" stays ""). */
    public static String labelName(String key) {
        if (key.isEmpty() || isPlainLabelName(key)) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        if (Character.isDigit(sb.charAt(0))) {
            sb.insert(0, "key_");
        } else if (sb.charAt(0) == '_' && (sb.length() < 2 || sb.charAt(1) != '_')) {
            sb.insert(0, "key");
        }
        return sb.toString();
    }

    /** Already valid and not starting with a digit or a lone underscore: nothing to rewrite. */
    private static boolean isPlainLabelName(String key) {
        char first = key.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            boolean valid = i < name.length() && isMetricChar(name.charAt(i));
            if (valid && start < 0) {
                start = i;
            } else if (!valid && start >= 0) {
                tokens.add(name.substring(start, i));
                start = -1;
            }
        }
        return tokens;
    }

    private static boolean isMetricChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
    }

    /** {main, per} as Prometheus words, before clean-up; "" where absent. */
    private static String[] unitSuffixes(String unit) {
        String main = "";
        String per = "";
        int slash = unit.indexOf('/');
        String mainPart = (slash < 0 ? unit : unit.substring(0, slash)).trim();
        if (!mainPart.isEmpty() && mainPart.indexOf('{') < 0 && mainPart.indexOf('}') < 0) {
            main = UNITS.getOrDefault(mainPart, mainPart);
        }
        if (slash >= 0) {
            String perPart = unit.substring(slash + 1).trim();
            if (!perPart.isEmpty() && perPart.indexOf('{') < 0 && perPart.indexOf('}') < 0) {
                per = "per_" + PER_UNITS.getOrDefault(perPart, perPart);
            }
        }
        return new String[] {main, per};
    }

    /** Non-alphanumerics to single underscores, trimmed of underscores at either end. */
    private static String cleanUnit(String unit) {
        StringBuilder sb = new StringBuilder(unit.length());
        boolean underscore = false;
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
            if (ok) {
                sb.append(c);
                underscore = false;
            } else if (!underscore) {
                sb.append('_');
                underscore = true;
            }
        }
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) == '_') {
            start++;
        }
        while (end > start && sb.charAt(end - 1) == '_') {
            end--;
        }
        return sb.substring(start, end);
    }
}
