package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One push request's log streams. */
public record LogBatch(List<LogStream> streams) {
    public LogBatch {
        streams = List.copyOf(requireNonNull(streams, "streams is null"));
    }

    public long entryCount() {
        long n = 0;
        for (LogStream s : streams) {
            n += s.entries().size();
        }
        return n;
    }
}
