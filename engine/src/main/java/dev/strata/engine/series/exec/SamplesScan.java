package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;

/**
 * Scans {@code samples} with the label matchers and the closed time range {@code [minMs, maxMs]}
 * pushed into the {@link dev.strata.spi.scan.TableSource}, and collects each series' samples into
 * primitive arrays (in arrival order; {@link SeriesDivide} sorts and re-checks). Labels are decoded
 * once per series id, never per row.
 */
public final class SamplesScan {
    private static final List<String> COLUMNS = List.of("series_id", "metric", "labels", "ts", "value");

    private final List<LabelMatcher> matchers;
    private final long minMs;
    private final long maxMs;

    public SamplesScan(List<LabelMatcher> matchers, long minMs, long maxMs) {
        this.matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    /** Collected series builders, unsorted. */
    List<SeriesBuilder> scan(EvalContext context) {
        TimeRange range = new TimeRange(minMs * 1_000_000L, maxMs * 1_000_000L);
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SAMPLES, COLUMNS, range, matchers, OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        Map<Long, SeriesBuilder> bySeries = new HashMap<>();
        long total = 0;
        try {
            for (Split split : splits) {
                try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                    while (reader.loadNext()) {
                        total += append(reader, bySeries);
                        if (total > context.maxSamples()) {
                            throw new dev.strata.spi.error.StrataException(dev.strata.engine.EngineErrorCode.EVALUATION_ERROR,
                                    "query processing would load too many samples into memory in query execution");
                        }
                    }
                }
            }
        } finally {
            context.source().release(splits);
        }
        return new ArrayList<>(bySeries.values());
    }

    private int append(BatchReader reader, Map<Long, SeriesBuilder> bySeries) {
        List<FieldVector> vectors = reader.root().getFieldVectors();
        BigIntVector ids = (BigIntVector) vectors.get(0);
        VarCharVector metrics = (VarCharVector) vectors.get(1);
        MapVector labels = (MapVector) vectors.get(2);
        TimeStampVector ts = (TimeStampVector) vectors.get(3);
        Float8Vector values = (Float8Vector) vectors.get(4);
        int rows = reader.root().getRowCount();
        int added = 0;
        long lastId = 0;
        SeriesBuilder current = null;
        for (int row = 0; row < rows; row++) {
            long t = ts.get(row);
            if (t < minMs || t > maxMs) {
                continue;
            }
            long id = ids.get(row);
            if (current == null || id != lastId) {
                current = bySeries.get(id);
                if (current == null) {
                    current = new SeriesBuilder(decodeLabels(metrics, labels, row));
                    bySeries.put(id, current);
                }
                lastId = id;
            }
            current.add(t, values.get(row));
            added++;
        }
        return added;
    }

    private static Labels decodeLabels(VarCharVector metrics, MapVector labels, int row) {
        Labels.Builder builder = Labels.builder();
        builder.add(Labels.METRIC_NAME, new String(metrics.get(row), java.nio.charset.StandardCharsets.UTF_8));
        List<?> entries = labels.getObject(row);
        if (entries != null) {
            for (Object entry : entries) {
                Map<?, ?> kv = (Map<?, ?>) entry;
                builder.add(String.valueOf(kv.get("key")), String.valueOf(kv.get("value")));
            }
        }
        return builder.build();
    }

    /** A growing run of one series' samples. */
    static final class SeriesBuilder {
        final Labels labels;
        long[] ts = new long[16];
        double[] values = new double[16];
        int size;

        SeriesBuilder(Labels labels) {
            this.labels = labels;
        }

        void add(long t, double v) {
            if (size == ts.length) {
                ts = java.util.Arrays.copyOf(ts, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            ts[size] = t;
            values[size] = v;
            size++;
        }
    }
}
