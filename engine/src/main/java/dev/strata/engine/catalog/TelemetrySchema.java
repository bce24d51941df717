package dev.strata.engine.catalog;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.strata.spi.scan.TableSource;
import dev.strata.spi.table.TelemetryTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables one tenant sees, and the table functions of the embedded query languages. Every
 * scan it produces carries this tenant, so a query planned against it can never read another
 * tenant's rows.
 */
public final class TelemetrySchema extends AbstractSchema {
    private final String tenant;
    private final Map<String, Table> tables;
    private final ImmutableMultimap<String, Function> functions;

    public TelemetrySchema(String tenant, TableSource source) {
        this(tenant, source, List.of());
    }

    public TelemetrySchema(String tenant, TableSource source, List<EmbeddedQueryLanguage> languages) {
        this.tenant = requireNonNull(tenant, "tenant is null");
        requireNonNull(source, "source is null");
        Map<String, Table> map = new LinkedHashMap<>();
        for (String table : TelemetryTables.ALL) {
            map.put(table, new TelemetryTable(tenant, table, source));
        }
        this.tables = Map.copyOf(map);
        ImmutableMultimap.Builder<String, Function> builder = ImmutableMultimap.builder();
        for (EmbeddedQueryLanguage language : languages) {
            builder.put(language.name(), new EmbeddedQueryFunction(language, tenant, source));
        }
        this.functions = builder.build();
    }

    public String tenant() {
        return tenant;
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return functions;
    }
}
