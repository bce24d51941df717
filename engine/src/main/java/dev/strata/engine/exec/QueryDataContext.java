package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.plan.physical.EnumerableBridge;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/** The {@link DataContext} generated enumerable code runs against: the plan's stash, the query context and clock variables (UTC). */
final class QueryDataContext implements DataContext {
    private final Map<String, Object> stash;
    private final QueryContext context;
    private final long nowMillis;
    private final AtomicBoolean cancelled;
    private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl();

    QueryDataContext(Map<String, Object> stash, QueryContext context, long nowMillis, AtomicBoolean cancelled) {
        this.stash = requireNonNull(stash, "stash is null");
        this.context = requireNonNull(context, "context is null");
        this.nowMillis = nowMillis;
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
    }

    @Override
    public SchemaPlus getRootSchema() {
        return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return typeFactory;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (EnumerableBridge.QUERY_CONTEXT.equals(name)) {
            return context;
        }
        if (Variable.CURRENT_TIMESTAMP.camelName.equals(name) || Variable.LOCAL_TIMESTAMP.camelName.equals(name)
                || Variable.UTC_TIMESTAMP.camelName.equals(name) || Variable.SYS_TIMESTAMP.camelName.equals(name)) {
            return nowMillis;
        }
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return TimeZone.getTimeZone("UTC");
        }
        if (Variable.LOCALE.camelName.equals(name)) {
            return Locale.ROOT;
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            return cancelled;
        }
        return stash.get(name);
    }
}
