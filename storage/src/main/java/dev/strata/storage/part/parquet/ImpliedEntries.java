package dev.strata.storage.part.parquet;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Map entries a part stores as a null value because a column of the same row holds the value
 * (decision 0028): Loki's {@code trace_id} structured metadata is also the promoted
 * {@code trace_id} column, and storing it twice cost 4.4 bytes a line. The writer replaces the
 * entry's value by null only when it equals the column's value byte for byte, so a differing or a
 * column-less entry is kept as sent; readers put the column's value back. Recorded in the file's
 * key-value metadata under {@link #KEY} as {@code map[key]=column} items separated by {@code ;}, so
 * parts written before have no entry and are read as they are.
 *
 * @param entries the implied entries, in no particular order
 */
public record ImpliedEntries(List<Entry> entries) {
    /** The file key-value metadata key naming a part's implied entries. */
    public static final String KEY = "strata.implied_entries";
    /** None: every map value is stored. */
    public static final ImpliedEntries NONE = new ImpliedEntries(List.of());
    /** {@code logs}: the trace and span ids of structured metadata (Loki) and attributes (OTLP). */
    public static final ImpliedEntries LOGS = new ImpliedEntries(List.of(
            new Entry("metadata", "trace_id", "trace_id"), new Entry("metadata", "span_id", "span_id")));

    public ImpliedEntries {
        entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /**
     * One implied entry.
     *
     * @param map the map column ({@code map<utf8, utf8>})
     * @param key the entry's key
     * @param column the text column whose value the entry's null value stands for
     */
    public record Entry(String map, String key, String column) {
        public Entry {
            requireNonNull(map, "map is null");
            requireNonNull(key, "key is null");
            requireNonNull(column, "column is null");
            if (map.isEmpty() || key.isEmpty() || column.isEmpty() || (map + key + column).matches(".*[\\[\\]=;].*")) {
                throw new IllegalArgumentException("implied entry names must be non-empty, without [ ] = ; : " + map + "[" + key + "]=" + column);
            }
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries of map column {@code map}. */
    public List<Entry> of(String map) {
        List<Entry> out = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.map().equals(map)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The value stored under {@link #KEY}. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            out.append(entry.map()).append('[').append(entry.key()).append("]=").append(entry.column());
        }
        return out.toString();
    }

    /** The implied entries of a file from its key-value metadata; {@link #NONE} when it names none. */
    public static ImpliedEntries of(Map<String, String> keyValueMetadata) {
        String value = keyValueMetadata == null ? null : keyValueMetadata.get(KEY);
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String item : value.split(";")) {
            int open = item.indexOf('[');
            int close = item.indexOf("]=");
            if (open <= 0 || close < open) {
                throw new IllegalArgumentException("malformed " + KEY + " item: " + item);
            }
            entries.add(new Entry(item.substring(0, open), item.substring(open + 1, close), item.substring(close + 2)));
        }
        return new ImpliedEntries(entries);
    }
}
