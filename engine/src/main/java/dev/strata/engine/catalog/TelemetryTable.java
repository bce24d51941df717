package dev.strata.engine.catalog;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.plan.physical.ColumnarTableScan;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One telemetry table ({@code samples}, {@code series}, {@code logs}, {@code spans}) of one
 * tenant. Translates to a {@link ColumnarTableScan} that reads only this tenant's rows.
 */
public final class TelemetryTable extends AbstractTable implements TranslatableTable {
    /** Row count the planner assumes; the store gives no cheap estimate per tenant. */
    private static final double ESTIMATED_ROWS = 1_000_000d;

    private final String tenant;
    private final String name;
    private final TableSource source;
    private final List<TableColumn> columns;

    public TelemetryTable(String tenant, String name, TableSource source) {
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.name = requireNonNull(name, "name is null");
        this.source = requireNonNull(source, "source is null");
        this.columns = TypeMapping.columns(source.schema(name));
    }

    public String tenant() {
        return tenant;
    }

    public String name() {
        return name;
    }

    public TableSource source() {
        return source;
    }

    public List<TableColumn> columns() {
        return columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (TableColumn column : columns) {
            builder.add(column.name(), TypeMapping.sqlType(column, typeFactory));
        }
        return builder.build();
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(ESTIMATED_ROWS, List.of());
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return ColumnarTableScan.create(context.getCluster(), relOptTable, this);
    }
}
