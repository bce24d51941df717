package dev.strata.spi.error;

/** A 1-based line and column in a query text. */
public record SourceLocation(int line, int column) {
    public SourceLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
