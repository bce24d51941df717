package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.head.ArrowColumns;
import dev.strata.storage.head.LabelSetRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Adds {@code samples.labels}, which parts do not store, to a part reader's batches: the other
 * columns are transferred (no copy) and the labels looked up by {@code series_id} in the
 * registry, once per run of equal ids; in dictionary form ({@link #requestDictionary}) the column
 * holds one map per run and each row names its run's. Not thread-safe.
 */
final class LabelsFillingBatchReader implements BatchReader {
    private static final int MAX_ENCODED = 100_000;
    private final BatchReader inner;
    private final LabelSetRegistry series;
    private final VectorSchemaRoot root;
    private final int[] sourceIndex; // per output column: index in the inner root, or -1 for labels
    private final int seriesIdIndex;
    /** Encoded label sets by series id, bounded: a scan meets each series once per row group. */
    private final Map<Long, ArrowColumns.EncodedLabels> encoded = new HashMap<>();
    /** Per output column: labels asked for in dictionary form (one entry per run of a series). */
    private final boolean[] dictionary;
    private int[] ids = new int[0];
    private int entryCount;
    private final int[] valueCounts;

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
        this.dictionary = new boolean[columns.size()];
        this.valueCounts = new int[columns.size()];
    }

    /** The labels column can come as one map per run of a series' rows; other columns as the inner reader gives them. */
    @Override
    public boolean requestDictionary(int column) {
        if (sourceIndex[column] < 0) {
            dictionary[column] = true;
            return true;
        }
        dictionary[column] = inner.requestDictionary(sourceIndex[column]);
        return dictionary[column];
    }

    @Override
    public int[] dictionaryIds(int column) {
        if (!dictionary[column]) {
            return null;
        }
        return sourceIndex[column] < 0 ? ids : inner.dictionaryIds(sourceIndex[column]);
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
            // the entry vectors are looked up once per batch, not by name per row
            StructVector entries = (StructVector) labels.getDataVector();
            VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
            VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
            boolean perRun = dictionary[c];
            if (perRun && this.ids.length < rows) {
                this.ids = new int[Math.max(rows, this.ids.length * 2)];
            }
            int slot = -1;
            long previousId = 0;
            ArrowColumns.EncodedLabels previous = null;
            for (int r = 0; r < rows; r++) {
                long id = ids.get(r);
                boolean newRun = previous == null || id != previousId;
                if (newRun) {
                    // rows are sorted by series: one lookup per run, one encoding per series and reader
                    previous = encoded.get(id);
                    if (previous == null) {
                        Labels found = series.labelsOf(id);
                        previous = ArrowColumns.EncodedLabels.of(found == null ? Labels.EMPTY : found, true);
                        if (encoded.size() >= MAX_ENCODED) {
                            encoded.clear();
                        }
                        encoded.put(id, previous);
                    }
                    previousId = id;
                }
                if (perRun) {
                    this.ids[r] = newRun ? ++slot : slot;
                    if (!newRun) {
                        continue;
                    }
                } else {
                    slot = r;
                }
                int start = labels.startNewValue(slot);
                byte[][] names = previous.names();
                byte[][] texts = previous.values();
                for (int i = 0; i < names.length; i++) {
                    entries.setIndexDefined(start + i);
                    keys.setSafe(start + i, names[i]);
                    values.setSafe(start + i, texts[i]);
                }
                labels.endValue(slot, names.length);
            }
            entryCount = slot + 1;
        }
        // transfer last: the labels above still read series_id from the inner root
        for (int c = 0; c < sourceIndex.length; c++) {
            if (sourceIndex[c] >= 0) {
                FieldVector from = source.getVector(sourceIndex[c]);
                valueCounts[c] = from.getValueCount();
                from.makeTransferPair(root.getVector(c)).transfer();
            } else {
                valueCounts[c] = entryCount;
            }
        }
        root.setRowCount(rows);
        for (int c = 0; c < sourceIndex.length; c++) {
            if (dictionaryIds(c) != null) {
                // setRowCount gave it a value per row; in dictionary form it holds its entries
                root.getVector(c).setValueCount(valueCounts[c]);
            }
        }
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
