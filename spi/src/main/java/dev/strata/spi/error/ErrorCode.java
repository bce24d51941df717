package dev.strata.spi.error;

import static java.util.Objects.requireNonNull;

/** A stable, numbered error code; each module owns a disjoint range. */
public record ErrorCode(int code, String name, ErrorType type) {
    public ErrorCode {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
