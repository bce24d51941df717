package dev.strata.spi.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable label set sorted by name, as Prometheus keeps them. Names are unique. The metric
 * name, where there is one, is the label {@code __name__}.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private int hash;
    private long stableHash;
    private boolean hasStableHash;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Builds from alternating names and values, in any order. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label names and values");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder builder = builder();
        map.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int index) {
        return names[index];
    }

    public String value(int index) {
        return values[index];
    }

    /** The value of the label, or {@code null} when absent. */
    public String get(String name) {
        int index = Arrays.binarySearch(names, name);
        return index >= 0 ? values[index] : null;
    }

    /** The value of {@code __name__}, or {@code null}. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    /** These labels without {@code __name__}. */
    public Labels withoutMetricName() {
        int index = Arrays.binarySearch(names, METRIC_NAME);
        if (index < 0) {
            return this;
        }
        return without(index);
    }

    public Labels without(String name) {
        int index = Arrays.binarySearch(names, name);
        return index < 0 ? this : without(index);
    }

    private Labels without(int index) {
        String[] newNames = new String[names.length - 1];
        String[] newValues = new String[names.length - 1];
        System.arraycopy(names, 0, newNames, 0, index);
        System.arraycopy(values, 0, newValues, 0, index);
        System.arraycopy(names, index + 1, newNames, index, names.length - index - 1);
        System.arraycopy(values, index + 1, newValues, index, names.length - index - 1);
        return new Labels(newNames, newValues);
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    /**
     * A 64-bit hash of the sorted names and values that never changes across processes and
     * versions: FNV-1a over the UTF-8 bytes of {@code name 0xff value 0xff ...}, finished with the
     * SplitMix64 mixer. The store uses it as the series and stream id (documented in
     * docs/format).
     */
    public long stableHash() {
        if (!hasStableHash) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < names.length; i++) {
                h = fnv(h, names[i]);
                h = (h ^ 0xff) * 0x100000001b3L;
                h = fnv(h, values[i]);
                h = (h ^ 0xff) * 0x100000001b3L;
            }
            h ^= h >>> 30;
            h *= 0xbf58476d1ce4e5b9L;
            h ^= h >>> 27;
            h *= 0x94d049bb133111ebL;
            h ^= h >>> 31;
            stableHash = h;
            hasStableHash = true;
        }
        return stableHash;
    }

    private static long fnv(long h, String s) {
        // ASCII chars are their own UTF-8 bytes: hash them without encoding the string (this runs
        // once per series per write request); from the first other char on, hash the encoded rest
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return fnvBytes(h, s.substring(i).getBytes(StandardCharsets.UTF_8));
            }
            h = (h ^ c) * 0x100000001b3L;
        }
        return h;
    }

    private static long fnvBytes(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    public int compareTo(Labels other) {
        int n = Math.min(names.length, other.names.length);
        for (int i = 0; i < n; i++) {
            // sets from one index share their name and value strings: skip comparing a string to itself
            if (names[i] != other.names[i]) {
                int c = names[i].compareTo(other.names[i]);
                if (c != 0) {
                    return c;
                }
            }
            if (values[i] != other.values[i]) {
                int c = values[i].compareTo(other.values[i]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(names.length, other.names.length);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other)) {
            return false;
        }
        return Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
            hash = h;
        }
        return h;
    }

    /** Prometheus notation: {@code {a="1", b="2"}} (the metric name stays a label). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append("=\"");
            escape(sb, values[i]);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    private static void escape(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /** Collects labels in any order; a later value for the same name replaces the earlier one. */
    public static final class Builder {
        private String[] names = new String[8];
        private String[] values = new String[8];
        private int size;

        private Builder() {}

        public Builder add(String name, String value) {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        public Builder addAll(Labels labels) {
            for (int i = 0; i < labels.size(); i++) {
                add(labels.name(i), labels.value(i));
            }
            return this;
        }

        public Builder remove(String name) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    System.arraycopy(names, i + 1, names, i, size - i - 1);
                    System.arraycopy(values, i + 1, values, i, size - i - 1);
                    size--;
                    return this;
                }
            }
            return this;
        }

        public int size() {
            return size;
        }

        public Builder clear() {
            size = 0;
            return this;
        }

        public Labels build() {
            if (size == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
            String[] sortedNames = new String[size];
            String[] sortedValues = new String[size];
            for (int i = 0; i < size; i++) {
                sortedNames[i] = names[order[i]];
                sortedValues[i] = values[order[i]];
            }
            return new Labels(sortedNames, sortedValues);
        }
    }

    /** Equality check helper for callers holding nullable label sets. */
    public static boolean equal(Labels a, Labels b) {
        return Objects.equals(a, b);
    }
}
