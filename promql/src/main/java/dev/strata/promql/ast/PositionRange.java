package dev.strata.promql.ast;

import dev.strata.spi.error.SourceLocation;

/** A half-open range {@code [start, end)} of character offsets (0-based) into the query text. */
public record PositionRange(int start, int end) {
    public static final PositionRange NONE = new PositionRange(0, 0);

    public PositionRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid position range: " + start + ".." + end);
        }
    }

    public PositionRange withStart(int newStart) {
        return new PositionRange(newStart, Math.max(newStart, end));
    }

    public PositionRange withEnd(int newEnd) {
        return new PositionRange(start, Math.max(start, newEnd));
    }

    public static PositionRange merge(PositionRange first, PositionRange last) {
        return new PositionRange(first.start, Math.max(first.start, last.end));
    }

    /** The 1-based line and column of {@link #start()}, as Prometheus prints them in errors. */
    public SourceLocation location(String query) {
        int line = 1;
        int lastLineBreak = -1;
        int limit = Math.min(start, query.length());
        for (int i = 0; i < limit; i++) {
            if (query.charAt(i) == '\n') {
                lastLineBreak = i;
                line++;
            }
        }
        return new SourceLocation(line, start - lastLineBreak);
    }
}
