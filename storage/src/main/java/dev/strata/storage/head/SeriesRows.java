package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;

/** Rows of the {@code series} table from the registry, by ascending series id. */
final class SeriesRows implements RowSource {
    private final List<String> columns;
    private final long[] ids;
    private final Labels[] labels;
    private final MetricMetadata[] metadata;
    private final int[] order;
    private int position;

    SeriesRows(int[] ordinals, TenantRegistry registry, List<String> columns) {
        this.columns = columns;
        int n = ordinals.length;
        ids = new long[n];
        labels = new Labels[n];
        metadata = new MetricMetadata[n];
        for (int i = 0; i < n; i++) {
            ids[i] = registry.series().id(ordinals[i]);
            labels[i] = registry.series().labels(ordinals[i]);
            metadata[i] = registry.metadataFor(labels[i].metricName());
        }
        order = TimeOrder.stableOrder(ids, n);
        for (String column : columns) {
            switch (column) {
                case "series_id", "metric", "labels", "metric_type", "help", "unit" -> { }
                default -> throw new IllegalArgumentException("series has no column " + column);
            }
        }
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        int n = Math.min(maxRows, order.length - position);
        for (int c = 0; c < vectors.length; c++) {
            FieldVector vector = vectors[c];
            String column = columns.get(c);
            for (int i = 0; i < n; i++) {
                int s = order[position + i];
                MetricMetadata meta = metadata[s];
                switch (column) {
                    case "series_id" -> ((BigIntVector) vector).setSafe(i, ids[s]);
                    case "metric" -> {
                        String metric = labels[s].metricName();
                        ArrowColumns.setString((VarCharVector) vector, i, metric == null ? "" : metric);
                    }
                    case "labels" -> ArrowColumns.setLabels((MapVector) vector, i, labels[s], true);
                    case "metric_type" -> ArrowColumns.setString((VarCharVector) vector, i, meta == null ? null : meta.type().prometheusName());
                    case "help" -> ArrowColumns.setString((VarCharVector) vector, i, meta == null ? null : meta.help());
                    case "unit" -> ArrowColumns.setString((VarCharVector) vector, i, meta == null ? null : meta.unit());
                    default -> throw new IllegalStateException();
                }
            }
        }
        position += n;
        return n;
    }
}
