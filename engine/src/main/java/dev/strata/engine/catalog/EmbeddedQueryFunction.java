package dev.strata.engine.catalog;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.rel.SeriesRowType;
import dev.strata.spi.scan.TableSource;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL table function of an {@link EmbeddedQueryLanguage} in one tenant's schema:
 * {@code name(query VARCHAR, start TIMESTAMP, end TIMESTAMP, step INTERVAL)} (times and step may
 * also be numbers of seconds) with the rows of a series plan. It is never invoked by Calcite: a planner rule replaces its scan by the columnar
 * series scan, which runs the language's plan for this schema's tenant.
 */
public final class EmbeddedQueryFunction implements TableFunction {
    private static final List<String> PARAMETERS = List.of("query", "start", "end", "step");

    private final EmbeddedQueryLanguage language;
    private final String tenant;
    private final TableSource source;

    public EmbeddedQueryFunction(EmbeddedQueryLanguage language, String tenant, TableSource source) {
        this.language = requireNonNull(language, "language is null");
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.source = requireNonNull(source, "source is null");
    }

    public EmbeddedQueryLanguage language() {
        return language;
    }

    public String tenant() {
        return tenant;
    }

    public TableSource source() {
        return source;
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return List.of(parameter(0), parameter(1), parameter(2), parameter(3));
    }

    private static FunctionParameter parameter(int ordinal) {
        return new FunctionParameter() {
            @Override
            public int getOrdinal() {
                return ordinal;
            }

            @Override
            public String getName() {
                return PARAMETERS.get(ordinal);
            }

            @Override
            public RelDataType getType(RelDataTypeFactory typeFactory) {
                // times and step accept a TIMESTAMP / INTERVAL or a number of seconds: the planner rule checks them
                return typeFactory.createSqlType(ordinal == 0 ? SqlTypeName.VARCHAR : SqlTypeName.ANY);
            }

            @Override
            public boolean isOptional() {
                return false;
            }
        };
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends Object> arguments) {
        return SeriesRowType.of(typeFactory);
    }

    @Override
    public Type getElementType(List<? extends Object> arguments) {
        return Object[].class;
    }
}
