package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * When the WAL is fsynced relative to acknowledging a write.
 *
 * @param mode {@link Mode#ALWAYS}: every group commit is fsynced before its writers return;
 *     {@link Mode#INTERVAL}: writers return once their bytes reach the OS, an fsync follows within
 *     {@code interval}; {@link Mode#NEVER}: the OS decides (fsync only at seal and close)
 * @param interval only for {@code INTERVAL}, otherwise zero
 */
public record FsyncPolicy(Mode mode, Duration interval) {
    public enum Mode { ALWAYS, INTERVAL, NEVER }

    public static final FsyncPolicy ALWAYS = new FsyncPolicy(Mode.ALWAYS, Duration.ZERO);
    public static final FsyncPolicy NEVER = new FsyncPolicy(Mode.NEVER, Duration.ZERO);

    public FsyncPolicy {
        requireNonNull(mode, "mode is null");
        requireNonNull(interval, "interval is null");
        if (mode == Mode.INTERVAL && (interval.isZero() || interval.isNegative())) {
            throw new IllegalArgumentException("fsync interval must be positive: " + interval);
        }
        if (mode != Mode.INTERVAL && !interval.isZero()) {
            throw new IllegalArgumentException("only the INTERVAL policy has an interval");
        }
    }

    public static FsyncPolicy interval(Duration interval) {
        return new FsyncPolicy(Mode.INTERVAL, interval);
    }

    /** Parses {@code always}, {@code never} or {@code interval:<millis>ms}. */
    public static FsyncPolicy parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("always")) {
            return ALWAYS;
        }
        if (value.equals("never")) {
            return NEVER;
        }
        if (value.startsWith("interval:") && value.endsWith("ms")) {
            return interval(Duration.ofMillis(Long.parseLong(value.substring("interval:".length(), value.length() - 2))));
        }
        throw new IllegalArgumentException("invalid fsync policy (always, never or interval:<n>ms): " + text);
    }

    @Override
    public String toString() {
        return mode == Mode.INTERVAL ? "interval:" + interval.toMillis() + "ms" : mode.name().toLowerCase(Locale.ROOT);
    }
}
