package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import java.util.List;

/** Entries of one stream (one label set), in the order received. */
public record LogStream(Labels labels, List<LogEntry> entries) {
    public LogStream {
        requireNonNull(labels, "labels is null");
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }
}
