package dev.strata.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.TableColumn;
import dev.strata.engine.catalog.TelemetryTable;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.operator.ScanOperator;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.TableSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Scan of one tenant's telemetry table, with the projected columns, time range and label
 * matchers pushed into the store's {@link ScanRequest}.
 */
public final class ColumnarTableScan extends TableScan implements ColumnarRel {
    private final TelemetryTable telemetryTable;
    private final List<Integer> projection;
    private final ScanSpec spec;

    private ColumnarTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table, TelemetryTable telemetryTable, List<Integer> projection, ScanSpec spec) {
        super(cluster, traitSet, List.of(), table);
        this.telemetryTable = requireNonNull(telemetryTable, "telemetryTable is null");
        this.projection = List.copyOf(requireNonNull(projection, "projection is null"));
        this.spec = requireNonNull(spec, "spec is null");
        if (this.projection.isEmpty()) {
            throw new IllegalArgumentException("a scan reads at least one column");
        }
    }

    /** A scan of every column of {@code telemetryTable}, nothing pushed. */
    public static ColumnarTableScan create(RelOptCluster cluster, RelOptTable table, TelemetryTable telemetryTable) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < telemetryTable.columns().size(); i++) {
            all.add(i);
        }
        return new ColumnarTableScan(cluster, cluster.traitSetOf(CONVENTION), table, telemetryTable, all, ScanSpec.ALL);
    }

    public TelemetryTable telemetryTable() {
        return telemetryTable;
    }

    /** Output column {@code i} is table column {@code projection().get(i)}. */
    public List<Integer> projection() {
        return projection;
    }

    public ScanSpec spec() {
        return spec;
    }

    /** The table column behind output column {@code field}. */
    public TableColumn column(int field) {
        return telemetryTable.columns().get(projection.get(field));
    }

    public ColumnarTableScan withSpec(ScanSpec newSpec) {
        return new ColumnarTableScan(getCluster(), traitSet, table, telemetryTable, projection, newSpec);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ColumnarTableScan(getCluster(), traitSet, table, telemetryTable, projection, spec);
    }

    @Override
    public RelDataType deriveRowType() {
        RelDataType full = table.getRowType();
        RelDataTypeFactory.Builder builder = getCluster().getTypeFactory().builder();
        for (int index : projection) {
            builder.add(full.getFieldList().get(index));
        }
        return builder.build();
    }

    /** Projection pushdown: the field trimmer asks for only the fields it needs. */
    @Override
    public RelNode project(ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields, RelBuilder relBuilder) {
        if (!extraFields.isEmpty() || fieldsUsed.cardinality() == projection.size()) {
            return super.project(fieldsUsed, extraFields, relBuilder);
        }
        List<Integer> narrowed = new ArrayList<>();
        for (int field : fieldsUsed) {
            narrowed.add(projection.get(field));
        }
        if (narrowed.isEmpty()) {
            // COUNT(*) and friends: read the cheapest column, expose none.
            ColumnarTableScan one = new ColumnarTableScan(getCluster(), traitSet, table, telemetryTable, List.of(projection.get(0)), spec);
            return relBuilder.push(one).project(List.of(), List.of(), true).build();
        }
        return new ColumnarTableScan(getCluster(), traitSet, table, telemetryTable, narrowed, spec);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = super.estimateRowCount(mq);
        if (!spec.timeRange().isAll()) {
            rows *= 0.25;
        }
        if (!spec.matchers().isEmpty()) {
            rows *= 0.25;
        }
        return rows;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        return planner.getCostFactory().makeCost(rows, rows * projection.size() * COST_FACTOR, rows * projection.size());
    }

    @Override
    public RelWriter explainTerms(RelWriter writer) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < projection.size(); i++) {
            names.add(column(i).name());
        }
        List<String> matchers = new ArrayList<>();
        for (LabelMatcher matcher : spec.matchers()) {
            matchers.add(matcher.toString());
        }
        return writer.item("table", telemetryTable.name())
                .item("columns", String.join(", ", names))
                .itemIf("time", format(spec.timeRange()), !spec.timeRange().isAll())
                .itemIf("matchers", String.join(", ", matchers), !matchers.isEmpty());
    }

    private static String format(TimeRange range) {
        return (range.startNanos() == Long.MIN_VALUE ? "-inf" : instant(range.startNanos()))
                + ".." + (range.endNanos() == Long.MAX_VALUE ? "+inf" : instant(range.endNanos()));
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    /** The request sent to the store: distinct source columns in projection order. */
    public ScanRequest scanRequest() {
        Set<String> sourceColumns = new LinkedHashSet<>();
        List<TableColumn> columns = new ArrayList<>();
        for (int i = 0; i < projection.size(); i++) {
            TableColumn column = column(i);
            sourceColumns.add(column.sourceColumn());
            columns.add(column);
        }
        List<LabelMatcher> matchers = spec.matchers();
        return new ScanRequest(telemetryTable.tenant(), telemetryTable.name(), List.copyOf(sourceColumns), spec.timeRange(), matchers, OptionalLong.empty());
    }

    @Override
    public OperatorFactory implement() {
        ScanRequest request = scanRequest();
        TableSource source = telemetryTable.source();
        List<TableColumn> columns = new ArrayList<>();
        for (int i = 0; i < projection.size(); i++) {
            columns.add(column(i));
        }
        List<TableColumn> frozen = List.copyOf(columns);
        return context -> context.register(new ScanOperator(context, source, request, frozen));
    }
}
