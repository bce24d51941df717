package dev.strata.engine.series;

import java.util.OptionalLong;

/** A selector's {@code offset} and {@code @} modifiers: the sample time read for a step. */
public record TimeShift(long offsetMs, OptionalLong atMs) {
    public static final TimeShift NONE = new TimeShift(0, OptionalLong.empty());

    public long apply(long stepMs) {
        return (atMs.isPresent() ? atMs.getAsLong() : stepMs) - offsetMs;
    }

    @Override
    public String toString() {
        return "offset=" + offsetMs + (atMs.isPresent() ? ", at=" + atMs.getAsLong() : "");
    }
}
