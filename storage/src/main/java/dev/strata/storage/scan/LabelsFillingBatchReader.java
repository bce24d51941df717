package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.head.ArrowColumns;
import dev.strata.storage.head.LabelSetRegistry;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;

/**
 * Adds {@code samples.labels}, which parts do not store, to a part reader's batches: the other
 * columns are transferred (no copy) and the labels looked up by {@code series_id} in the
 * registry, once per run of equal ids. Not thread-safe.
 */
final class LabelsFillingBatchReader implements BatchReader {
    private final BatchReader inner;
    private final LabelSetRegistry series;
    private final VectorSchemaRoot root;
    private final int[] sourceIndex; // per output column: index in the inner root, or -1 for labels
    private final int seriesIdIndex;

    /** {@code innerColumns} are what {@code inner} yields: {@code columns} without labels, plus series_id if absent. */
    LabelsFillingBatchReader(BatchReader inner, List<String> innerColumns, List<String> columns, LabelSetRegistry series,
            BufferAllocator allocator) {
        this.inner = requireNonNull(inner, "inner is null");
        this.series = requireNonNull(series, "series is null");
        this.root = VectorSchemaRoot.create(TelemetryTables.project(TelemetryTables.SAMPLES, columns), allocator);
        this.sourceIndex = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            sourceIndex[i] = columns.get(i).equals("labels") ? -1 : innerColumns.indexOf(columns.get(i));
        }
        this.seriesIdIndex = innerColumns.indexOf("series_id");
    }

    @Override
    public boolean loadNext() {
        if (!inner.loadNext()) {
            for (FieldVector v : root.getFieldVectors()) {
                v.reset();
            }
            root.setRowCount(0);
            return false;
        }
        VectorSchemaRoot source = inner.root();
        int rows = source.getRowCount();
        BigIntVector ids = (BigIntVector) source.getVector(seriesIdIndex);
        for (int c = 0; c < sourceIndex.length; c++) {
            FieldVector target = root.getVector(c);
            if (sourceIndex[c] >= 0) {
                continue;
            }
            MapVector labels = (MapVector) target;
            labels.reset();
            long previousId = 0;
            ArrowColumns.EncodedLabels previous = null;
            for (int r = 0; r < rows; r++) {
                long id = ids.get(r);
                if (previous == null || id != previousId) {
                    // rows are sorted by series: one lookup and one encoding per run
                    Labels found = series.labelsOf(id);
                    previous = ArrowColumns.EncodedLabels.of(found == null ? Labels.EMPTY : found, true);
                    previousId = id;
                }
                ArrowColumns.setLabels(labels, r, previous);
            }
        }
        // transfer last: the labels above still read series_id from the inner root
        for (int c = 0; c < sourceIndex.length; c++) {
            if (sourceIndex[c] >= 0) {
                source.getVector(sourceIndex[c]).makeTransferPair(root.getVector(c)).transfer();
            }
        }
        root.setRowCount(rows);
        return true;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public void close() {
        try {
            root.close();
        } finally {
            inner.close();
        }
    }
}
