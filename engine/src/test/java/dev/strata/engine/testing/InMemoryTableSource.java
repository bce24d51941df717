package dev.strata.engine.testing;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import dev.strata.spi.table.TelemetryTables;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link TableSource} over rows held in memory, for tests. Each table of each tenant is cut into
 * splits of {@code splitRows} rows; splits are pruned by time, and rows by time and matchers
 * (exactly, which is allowed: the engine filters again). Vectors are built at read time in the
 * caller's allocator, in batches of {@code batchRows}. Text and map columns asked for in
 * dictionary form ({@link BatchReader#requestDictionary}) come as the batch's distinct values, in
 * order of first appearance, so the engine's dictionary paths run over every query of a suite.
 * Records every request it receives.
 */
public final class InMemoryTableSource implements TableSource {
    private final int splitRows;
    private final int batchRows;
    private final Map<String, Map<String, List<Object>>> data = new ConcurrentHashMap<>();
    private final List<ScanRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public InMemoryTableSource(int splitRows, int batchRows) {
        this.splitRows = splitRows;
        this.batchRows = batchRows;
    }

    public InMemoryTableSource addSamples(String tenant, List<TelemetryRows.Sample> rows) {
        return add(tenant, TelemetryTables.SAMPLES, rows);
    }

    public InMemoryTableSource addSeries(String tenant, List<TelemetryRows.Series> rows) {
        return add(tenant, TelemetryTables.SERIES, rows);
    }

    public InMemoryTableSource addLogs(String tenant, List<TelemetryRows.Log> rows) {
        return add(tenant, TelemetryTables.LOGS, rows);
    }

    public InMemoryTableSource addSpans(String tenant, List<TelemetryRows.Span> rows) {
        return add(tenant, TelemetryTables.SPANS, rows);
    }

    /** Adds everything {@code generator} produces for {@code tenant}. */
    public InMemoryTableSource addAll(String tenant, TelemetryGenerator generator) {
        addSamples(tenant, generator.samples());
        addSeries(tenant, generator.series());
        addLogs(tenant, generator.logs());
        addSpans(tenant, generator.spans());
        return this;
    }

    private InMemoryTableSource add(String tenant, String table, List<?> rows) {
        data.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(table, t -> Collections.synchronizedList(new ArrayList<>()))
                .addAll(rows);
        return this;
    }

    /** Every request received so far. */
    public List<ScanRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public Set<String> tenants() {
        return Set.copyOf(data.keySet());
    }

    @Override
    public Schema schema(String table) {
        return TelemetryTables.schema(table);
    }

    private record MemorySplit(String tenant, String table, int from, int to, long minNanos, long maxNanos) implements Split {
        @Override
        public String describe() {
            return "memory " + table + "[" + from + ".." + to + ")";
        }

        @Override
        public long estimatedRows() {
            return to - from;
        }
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        requests.add(request);
        List<Object> rows = rows(request.tenant(), request.table());
        List<Split> splits = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += splitRows) {
            int to = Math.min(rows.size(), from + splitRows);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = from; i < to; i++) {
                long ts = timeNanos(rows.get(i));
                min = Math.min(min, ts);
                max = Math.max(max, ts);
            }
            if (request.table().equals(TelemetryTables.SERIES) || request.timeRange().overlaps(min, max)) {
                splits.add(new MemorySplit(request.tenant(), request.table(), from, to, min, max));
            }
        }
        return splits;
    }

    private List<Object> rows(String tenant, String table) {
        Map<String, List<Object>> tables = data.get(tenant);
        if (tables == null) {
            return List.of();
        }
        List<Object> rows = tables.get(table);
        if (rows == null) {
            return List.of();
        }
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        MemorySplit memorySplit = (MemorySplit) split;
        if (!memorySplit.tenant().equals(request.tenant())) {
            throw new IllegalArgumentException("split of tenant " + memorySplit.tenant() + " opened for " + request.tenant());
        }
        List<Object> all = rows(request.tenant(), request.table());
        List<Object> selected = new ArrayList<>();
        for (int i = memorySplit.from(); i < memorySplit.to() && i < all.size(); i++) {
            Object row = all.get(i);
            if (matches(request, row)) {
                selected.add(row);
            }
        }
        return new Reader(request, selected, allocator);
    }

    private static boolean matches(ScanRequest request, Object row) {
        if (!(row instanceof TelemetryRows.Series) && !request.timeRange().contains(timeNanos(row))) {
            return false;
        }
        Labels labels = labelSet(row);
        for (LabelMatcher matcher : request.matchers()) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static long timeNanos(Object row) {
        if (row instanceof TelemetryRows.Sample sample) {
            return sample.tsMillis() * 1_000_000L;
        }
        if (row instanceof TelemetryRows.Log log) {
            return log.tsNanos();
        }
        if (row instanceof TelemetryRows.Span span) {
            return span.startNanos();
        }
        return 0L;
    }

    private static Labels labelSet(Object row) {
        TreeMap<String, String> labels = new TreeMap<>();
        if (row instanceof TelemetryRows.Sample sample) {
            labels.putAll(sample.labels());
            labels.put(Labels.METRIC_NAME, sample.metric());
        } else if (row instanceof TelemetryRows.Series series) {
            labels.putAll(series.labels());
            labels.put(Labels.METRIC_NAME, series.metric());
        } else if (row instanceof TelemetryRows.Log log) {
            labels.putAll(log.labels());
        } else if (row instanceof TelemetryRows.Span span) {
            labels.putAll(span.resourceAttributes());
            labels.put("service_name", span.serviceName());
            labels.put("name", span.name());
        } else {
            throw new IllegalArgumentException("unknown row " + row);
        }
        return Labels.fromMap(labels);
    }

    private final class Reader implements BatchReader {
        private final ScanRequest request;
        private final List<Object> rows;
        private final VectorSchemaRoot root;
        private final int[][] ids;
        private int position;

        Reader(ScanRequest request, List<Object> rows, BufferAllocator allocator) {
            this.request = request;
            this.rows = rows;
            this.root = VectorSchemaRoot.create(TelemetryTables.project(request.table(), request.columns()), allocator);
            this.ids = new int[request.columns().size()][];
        }

        @Override
        public boolean requestDictionary(int column) {
            ArrowType type = root.getVector(column).getField().getType();
            if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.Map) {
                ids[column] = new int[batchRows];
                return true;
            }
            return false;
        }

        @Override
        public int[] dictionaryIds(int column) {
            return ids[column];
        }

        @Override
        public boolean loadNext() {
            root.clear();
            if (position >= rows.size()) {
                root.setRowCount(0);
                return false;
            }
            int count = Math.min(batchRows, rows.size() - position);
            for (FieldVector vector : root.getFieldVectors()) {
                vector.setInitialCapacity(count);
                vector.allocateNew();
            }
            int[] valueCounts = new int[request.columns().size()];
            for (int c = 0; c < request.columns().size(); c++) {
                Map<Object, Integer> entries = ids[c] == null ? null : new HashMap<>();
                for (int i = 0; i < count; i++) {
                    Object value = value(rows.get(position + i), request.columns().get(c));
                    if (entries == null) {
                        set(root.getVector(c), i, value);
                        continue;
                    }
                    Integer entry = entries.get(value);
                    if (entry == null) {
                        entry = entries.size();
                        entries.put(value, entry);
                        set(root.getVector(c), entry, value);
                    }
                    ids[c][i] = entry;
                }
                valueCounts[c] = entries == null ? count : entries.size();
            }
            root.setRowCount(count);
            for (int c = 0; c < valueCounts.length; c++) {
                root.getVector(c).setValueCount(valueCounts[c]);
            }
            position += count;
            return true;
        }

        @Override
        public VectorSchemaRoot root() {
            return root;
        }

        @Override
        public void close() {
            root.close();
        }
    }

    private static Object value(Object row, String column) {
        if (row instanceof TelemetryRows.Sample s) {
            return switch (column) {
                case "series_id" -> s.seriesId();
                case "metric" -> s.metric();
                case "labels" -> s.labels();
                case "ts" -> s.tsMillis();
                case "value" -> s.value();
                default -> throw new IllegalArgumentException(column);
            };
        }
        if (row instanceof TelemetryRows.Series s) {
            return switch (column) {
                case "series_id" -> s.seriesId();
                case "metric" -> s.metric();
                case "labels" -> s.labels();
                case "metric_type" -> s.metricType();
                case "help" -> s.help();
                case "unit" -> s.unit();
                default -> throw new IllegalArgumentException(column);
            };
        }
        if (row instanceof TelemetryRows.Log l) {
            return switch (column) {
                case "stream_id" -> l.streamId();
                case "labels" -> l.labels();
                case "ts" -> l.tsNanos();
                case "line" -> l.line();
                case "metadata" -> l.metadata();
                case "trace_id" -> l.traceId();
                case "span_id" -> l.spanId();
                case "level" -> l.level();
                default -> throw new IllegalArgumentException(column);
            };
        }
        if (row instanceof TelemetryRows.Span s) {
            return switch (column) {
                case "trace_id" -> s.traceId();
                case "span_id" -> s.spanId();
                case "parent_span_id" -> s.parentSpanId();
                case "trace_state" -> null;
                case "name" -> s.name();
                case "kind" -> s.kind();
                case "service_name" -> s.serviceName();
                case "start_ts" -> s.startNanos();
                case "end_ts" -> s.endNanos();
                case "duration_ns" -> s.durationNanos();
                case "status_code" -> s.statusCode();
                case "status_message" -> s.statusMessage();
                case "attributes" -> s.attributes();
                case "attributes_int" -> s.attributesInt();
                case "resource_attributes" -> s.resourceAttributes();
                case "attributes_double", "attributes_bool", "resource_attributes_int", "resource_attributes_double",
                        "resource_attributes_bool" -> new TreeMap<String, Object>();
                case "scope_name", "scope_version" -> null;
                case "events", "links" -> List.of();
                default -> throw new IllegalArgumentException(column);
            };
        }
        throw new IllegalArgumentException("unknown row " + row);
    }

    private static void set(FieldVector vector, int row, Object value) {
        if (vector instanceof MapVector map) {
            writeMap(map, row, (SortedMap<?, ?>) value);
            return;
        }
        if (vector instanceof ListVector list) {
            list.startNewValue(row);
            list.endValue(row, 0);
            return;
        }
        if (value == null) {
            vector.setNull(row);
            return;
        }
        if (vector instanceof BigIntVector v) {
            v.setSafe(row, (Long) value);
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(row, (Long) value);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(row, (Double) value);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("unsupported vector " + vector.getField());
        }
    }

    private static void writeMap(MapVector map, int row, SortedMap<?, ?> entries) {
        UnionMapWriter writer = map.getWriter();
        writer.setPosition(row);
        writer.startMap();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            writer.startEntry();
            writeString(map, writer.key().varChar(), (String) entry.getKey());
            Object value = entry.getValue();
            if (value instanceof String text) {
                writeString(map, writer.value().varChar(), text);
            } else if (value instanceof Long number) {
                writer.value().bigInt().writeBigInt(number);
            } else if (value instanceof Double number) {
                writer.value().float8().writeFloat8(number);
            } else if (value instanceof Boolean bool) {
                writer.value().bit().writeBit(bool ? 1 : 0);
            }
            writer.endEntry();
        }
        writer.endMap();
    }

    private static void writeString(MapVector map, org.apache.arrow.vector.complex.writer.VarCharWriter writer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (ArrowBuf buffer = map.getAllocator().buffer(Math.max(1, bytes.length))) {
            buffer.setBytes(0, bytes);
            writer.writeVarChar(0, bytes.length, buffer);
        }
    }

}
