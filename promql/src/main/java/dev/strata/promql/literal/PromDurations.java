package dev.strata.promql.literal;

/**
 * Prometheus duration strings ({@code model.Duration}): units {@code y w d h m s ms}, each at most
 * once and from the largest to the smallest, millisecond resolution.
 */
public final class PromDurations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};

    private PromDurations() {}

    /** Parses a duration such as {@code 1h30m} into milliseconds. */
    public static long parseMillis(String text) throws LiteralSyntaxException {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new LiteralSyntaxException("empty duration string");
        }
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) <= '9') {
                i++;
            }
            if (i == digitsStart) {
                throw invalid(text);
            }
            long value;
            try {
                value = Long.parseLong(text.substring(digitsStart, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < text.length() && !(text.charAt(i) >= '0' && text.charAt(i) <= '9')) {
                i++;
            }
            if (i == unitStart) {
                throw invalid(text);
            }
            String unit = text.substring(unitStart, i);
            int unitIndex = unitIndex(unit);
            if (unitIndex < 0) {
                throw new LiteralSyntaxException("unknown unit " + GoQuoting.quote(unit) + " in duration " + GoQuoting.quote(text));
            }
            if (unitIndex <= lastUnit) {
                throw invalid(text);
            }
            lastUnit = unitIndex;
            // time.Duration counts nanoseconds in an int64
            long maxMillis = Long.MAX_VALUE / 1_000_000L;
            if (value > maxMillis / UNIT_MILLIS[unitIndex]) {
                throw new LiteralSyntaxException("duration out of range");
            }
            total += value * UNIT_MILLIS[unitIndex];
            if (total > maxMillis) {
                throw new LiteralSyntaxException("duration out of range");
            }
        }
        return total;
    }

    /** Formats milliseconds as Prometheus does: {@code 90m} prints as {@code 1h30m}, zero as {@code 0s}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long ms = millis;
        for (int u = 0; u < UNITS.length; u++) {
            long mult = UNIT_MILLIS[u];
            // years and weeks only when exact, as 90d reads better than 12w6d
            if (u < 2 && ms % mult != 0) {
                continue;
            }
            long v = ms / mult;
            if (v > 0) {
                out.append(v).append(UNITS[u]);
                ms -= v * mult;
            }
        }
        return out.toString();
    }

    private static int unitIndex(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        return -1;
    }

    private static LiteralSyntaxException invalid(String text) {
        return new LiteralSyntaxException("not a valid duration string: " + GoQuoting.quote(text));
    }
}
