package dev.strata.engine.catalog;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.TableSource;
import dev.strata.spi.table.TelemetryTables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables one tenant sees. Every scan it produces carries this tenant, so a query planned
 * against it can never read another tenant's rows.
 */
public final class TelemetrySchema extends AbstractSchema {
    private final String tenant;
    private final Map<String, Table> tables;

    public TelemetrySchema(String tenant, TableSource source) {
        this.tenant = requireNonNull(tenant, "tenant is null");
        requireNonNull(source, "source is null");
        Map<String, Table> map = new LinkedHashMap<>();
        for (String table : TelemetryTables.ALL) {
            map.put(table, new TelemetryTable(tenant, table, source));
        }
        this.tables = Map.copyOf(map);
    }

    public String tenant() {
        return tenant;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }
}
