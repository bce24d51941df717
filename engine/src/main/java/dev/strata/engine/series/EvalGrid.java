package dev.strata.engine.series;

/** The evaluation timestamps {@code start, start+step, ..., <= end} in Unix milliseconds. */
public record EvalGrid(long startMs, long endMs, long stepMs) {
    public EvalGrid {
        if (stepMs <= 0 && startMs != endMs) {
            throw new IllegalArgumentException("step must be positive");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("end before start");
        }
    }

    public static EvalGrid instant(long timeMs) {
        return new EvalGrid(timeMs, timeMs, 1);
    }

    public int steps() {
        return (int) ((endMs - startMs) / stepMs) + 1;
    }

    public long at(int index) {
        return startMs + index * stepMs;
    }

    @Override
    public String toString() {
        return startMs == endMs ? "[" + startMs + "]" : "[" + startMs + ".." + endMs + "/" + stepMs + "]";
    }
}
