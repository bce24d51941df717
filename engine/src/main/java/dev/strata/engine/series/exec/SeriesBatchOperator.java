package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.rel.SeriesRowType;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.TableSource;
import dev.strata.spi.table.TelemetryTables;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.calcite.rel.RelNode;

/**
 * The bridge from a series plan to the columnar operators: evaluates the plan once, then emits its
 * values as batches of {@code (ts, labels, value)} rows (series by series, steps in order), the
 * labels as an Arrow map shaped like the {@code samples} table's. Warnings of the evaluation are
 * dropped: SQL has no channel for them.
 */
public final class SeriesBatchOperator implements Operator {
    private final QueryContext context;
    private final StepNode root;
    private final TableSource source;
    private final String tenant;
    private final long maxSamples;
    private final VectorSchemaRoot batch;
    private StepVector result;
    private int seriesIndex;
    private int stepIndex;
    private byte[][] labelBytes;

    private SeriesBatchOperator(QueryContext context, StepNode root, TableSource source, String tenant, long maxSamples) {
        this.context = requireNonNull(context, "context is null");
        this.root = requireNonNull(root, "root is null");
        this.source = requireNonNull(source, "source is null");
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.maxSamples = maxSamples;
        List<FieldVector> vectors = List.of(
                new TimeStampMilliVector(SeriesRowType.TS, context.allocator()),
                (FieldVector) TelemetryTables.SAMPLES_SCHEMA.findField("labels").createVector(context.allocator()),
                new Float8Vector(SeriesRowType.VALUE, context.allocator()));
        this.batch = new VectorSchemaRoot(vectors);
    }

    /** The factory of the operator of {@code plan}, a series plan of values on a grid, for {@code tenant}. */
    public static OperatorFactory factory(RelNode plan, TableSource source, String tenant, long maxSamples) {
        StepNode root = SeriesOperators.step(requireNonNull(plan, "plan is null"));
        requireNonNull(source, "source is null");
        requireNonNull(tenant, "tenant is null");
        return context -> context.register(new SeriesBatchOperator(context, root, source, tenant, maxSamples));
    }

    @Override
    public VectorSchemaRoot next() {
        context.checkRunning();
        if (result == null) {
            result = ResultNames.finish(root.evaluate(new EvalContext(source, tenant, context.allocator(), maxSamples, new Annotations(),
                    context.workers())));
        }
        List<StepSeries> series = result.series();
        if (seriesIndex >= series.size()) {
            return null;
        }
        TimeStampMilliVector ts = (TimeStampMilliVector) batch.getVector(0);
        MapVector labels = (MapVector) batch.getVector(1);
        Float8Vector values = (Float8Vector) batch.getVector(2);
        StructVector entries = (StructVector) labels.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
        VarCharVector labelValues = (VarCharVector) entries.getChildByOrdinal(1);
        ts.clear();
        labels.clear();
        values.clear();
        ts.allocateNew(context.batchRows());
        values.allocateNew(context.batchRows());
        labels.setInitialCapacity(context.batchRows());
        labels.allocateNew();
        EvalGrid grid = result.grid();
        int rows = 0;
        int entry = 0;
        while (rows < context.batchRows() && seriesIndex < series.size()) {
            StepSeries current = series.get(seriesIndex);
            if (labelBytes == null) {
                labelBytes = encode(current.labels());
            }
            boolean[] present = current.present();
            double[] v = current.values();
            for (; stepIndex < present.length && rows < context.batchRows(); stepIndex++) {
                if (!present[stepIndex]) {
                    continue;
                }
                ts.setSafe(rows, grid.at(stepIndex));
                values.setSafe(rows, v[stepIndex]);
                labels.startNewValue(rows);
                for (int l = 0; l < labelBytes.length; l += 2) {
                    entries.setIndexDefined(entry);
                    keys.setSafe(entry, labelBytes[l]);
                    labelValues.setSafe(entry, labelBytes[l + 1]);
                    entry++;
                }
                labels.endValue(rows, labelBytes.length / 2);
                rows++;
            }
            if (stepIndex >= present.length) {
                seriesIndex++;
                stepIndex = 0;
                labelBytes = null;
            }
        }
        keys.setValueCount(entry);
        labelValues.setValueCount(entry);
        entries.setValueCount(entry);
        ts.setValueCount(rows);
        values.setValueCount(rows);
        labels.setValueCount(rows);
        batch.setRowCount(rows);
        return batch;
    }

    /** Names and values as UTF-8, alternating: encoded once per series, not per row. */
    private static byte[][] encode(Labels labels) {
        byte[][] out = new byte[labels.size() * 2][];
        for (int i = 0; i < labels.size(); i++) {
            out[2 * i] = labels.name(i).getBytes(StandardCharsets.UTF_8);
            out[2 * i + 1] = labels.value(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    @Override
    public void close() {
        batch.close();
    }
}
