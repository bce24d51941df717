package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

/** The {@code @} modifier: a fixed timestamp, or the start or end of the query range. */
public record AtModifier(Kind kind, long timestampMillis) {
    public enum Kind {
        TIMESTAMP,
        START,
        END
    }

    public AtModifier {
        requireNonNull(kind, "kind is null");
        if (kind != Kind.TIMESTAMP && timestampMillis != 0) {
            throw new IllegalArgumentException("only a TIMESTAMP modifier has a timestamp");
        }
    }

    public static AtModifier timestamp(long timestampMillis) {
        return new AtModifier(Kind.TIMESTAMP, timestampMillis);
    }

    public static AtModifier start() {
        return new AtModifier(Kind.START, 0);
    }

    public static AtModifier end() {
        return new AtModifier(Kind.END, 0);
    }
}
