package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.ResultVectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.calcite.linq4j.Enumerator;

/** Turns the rows of an enumerable (fallback) plan into result batches. */
public final class RowsToBatchesOperator implements Operator {
    private final QueryContext context;
    private final Enumerator<Object> rows;
    private final List<ResultColumn> columns;
    private VectorSchemaRoot output;
    private boolean done;

    public RowsToBatchesOperator(QueryContext context, Enumerator<Object> rows, List<ResultColumn> columns) {
        this.context = requireNonNull(context, "context is null");
        this.rows = requireNonNull(rows, "rows is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    @Override
    public VectorSchemaRoot next() {
        if (done) {
            return null;
        }
        if (output == null) {
            List<FieldVector> vectors = new ArrayList<>();
            for (ResultColumn column : columns) {
                vectors.add(ResultVectors.field(column.name(), column.type()).createVector(context.allocator()));
            }
            output = new VectorSchemaRoot(vectors);
        }
        output.clear();
        for (FieldVector vector : output.getFieldVectors()) {
            vector.setInitialCapacity(context.batchRows());
            vector.allocateNew();
        }
        int count = 0;
        int batchRows = context.batchRows();
        context.checkRunning();
        while (count < batchRows && rows.moveNext()) {
            Object row = rows.current();
            for (int c = 0; c < columns.size(); c++) {
                Object value = row instanceof Object[] values && (columns.size() != 1 || values.length == 1) ? values[c] : row;
                ResultVectors.set(output.getVector(c), count, columns.get(c).type(), value);
            }
            count++;
            if ((count & 1023) == 0) {
                context.checkRunning();
            }
        }
        if (count < batchRows) {
            done = true;
        }
        for (FieldVector vector : output.getFieldVectors()) {
            if (vector instanceof MapVector map) {
                map.getWriter().setValueCount(count);
            }
            vector.setValueCount(count);
        }
        output.setRowCount(count);
        if (count == 0) {
            return null;
        }
        return output;
    }

    @Override
    public void close() {
        try {
            rows.close();
        } finally {
            if (output != null) {
                output.close();
                output = null;
            }
        }
    }
}
