package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw {@code key=value} configuration with typed, validating accessors. Remembers which keys were
 * read so that a typo in a file or flag fails startup instead of being silently ignored. Not
 * thread-safe; used once, at startup, by the config records' {@code from} factories.
 */
public final class ConfigProperties {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern BYTES = Pattern.compile("(\\d+)(|B|KiB|MiB|GiB)");

    private final Map<String, String> values;
    private final Set<String> consumed = new HashSet<>();

    public ConfigProperties(Map<String, String> values) {
        this.values = new TreeMap<>(requireNonNull(values, "values is null"));
    }

    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return parseInt(key, raw.get(), raw.get(), min, max);
    }

    /** A comma-separated list of integers, each within {@code [min, max]}, at least one. */
    public List<Integer> integerList(String key, List<Integer> defaultValue, int min, int max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        List<Integer> result = new ArrayList<>();
        for (String part : raw.get().split(",", -1)) {
            result.add(parseInt(key, part.trim(), raw.get(), min, max));
        }
        return List.copyOf(result);
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code 7d}. */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = DURATION.matcher(raw.get().trim());
        if (!matcher.matches()) {
            throw invalid(key, raw.get(), "expected a duration such as 500ms, 30s, 5m, 1h or 7d");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw invalid(key, raw.get(), "duration out of range");
        }
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** A byte size: a plain number of bytes, or a number with {@code B}, {@code KiB}, {@code MiB} or {@code GiB}. */
    public long bytes(String key, long defaultValue, long min, long max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Matcher matcher = BYTES.matcher(raw.get().trim());
        if (!matcher.matches()) {
            throw invalid(key, raw.get(), "expected a byte size such as 1048576, 512KiB, 64MiB or 1GiB");
        }
        long value;
        try {
            long amount = Long.parseLong(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                default -> 1L;
            };
            value = Math.multiplyExact(amount, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(key, raw.get(), "byte size out of range");
        }
        if (value < min || value > max) {
            throw invalid(key, raw.get(), "must be between " + min + " and " + max + " bytes");
        }
        return value;
    }

    /**
     * Fails when a key was given that no config record read, unless it starts with one of
     * {@code deferredPrefixes} (keys of modules whose config is bound elsewhere).
     */
    public void requireAllConsumed(Set<String> deferredPrefixes) {
        Set<String> unknown = new TreeSet<>();
        for (String key : values.keySet()) {
            if (!consumed.contains(key) && !hasPrefix(key, deferredPrefixes)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION, "unknown configuration keys: " + unknown
                    + " (see docs/configuration.md)");
        }
    }

    /** The keys given that start with {@code prefix}, with their values (for modules bound later). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    private static boolean hasPrefix(String key, Set<String> prefixes) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> raw(String key) {
        consumed.add(key);
        String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw invalid(key, value, "must not be empty");
        }
        return Optional.of(trimmed);
    }

    /** Parses {@code text}, a part of {@code value} (the whole value for a single integer). */
    private static int parseInt(String key, String text, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(key, value, text.isEmpty() ? "expected an integer, found nothing" : "expected an integer");
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, value, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    static StrataException invalid(String key, String value, String reason) {
        return new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                "invalid configuration " + key + "=" + value + ": " + reason);
    }
}
