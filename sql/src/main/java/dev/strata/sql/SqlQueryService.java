package dev.strata.sql;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.EmbeddedQueryLanguage;
import dev.strata.engine.catalog.TelemetrySchema;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.operator.TextRowsOperator;
import dev.strata.engine.planner.PhysicalPlan;
import dev.strata.engine.planner.PlanningContext;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL console's service: runs one tenant's SQL over the store and streams the result as
 * Arrow batches. Plans are cached per (tenant, text); a plan only ever scans its own tenant's
 * rows. {@code EXPLAIN PLAN FOR <query>} returns the physical plan as one {@code PLAN} row.
 * Thread-safe.
 */
public final class SqlQueryService {
    private static final Logger LOG = LoggerFactory.getLogger(SqlQueryService.class);

    /** Queries {@link #warmUp()} plans and runs, one per operator family and one through the fallback. */
    private static final List<String> WARM_UP_QUERIES = List.of(
            "SELECT metric, labels['job'] AS job, count(*) AS n, sum(\"value\") AS total, min(ts), max(ts) FROM samples "
                    + "WHERE ts >= TIMESTAMP '2000-01-01 00:00:00' AND metric = 'up' GROUP BY metric, labels['job'] ORDER BY n DESC LIMIT 10",
            "SELECT ts, line FROM logs WHERE line LIKE '%error%' AND labels['app'] = 'api' ORDER BY ts DESC LIMIT 100",
            "SELECT service_name, name, avg(CAST(duration_ns AS DOUBLE)) FROM spans GROUP BY service_name, name",
            "SELECT s.trace_id, count(*) OVER (PARTITION BY s.service_name) FROM spans s JOIN logs l ON l.trace_id = s.trace_id");

    private final TableSource source;
    private final SqlFrontend frontend;
    private final QueryPlanner planner;
    private final QueryExecutor executor;
    private final PlanCache cache;
    private final List<EmbeddedQueryLanguage> languages;
    private final Map<String, TelemetrySchema> schemas = new ConcurrentHashMap<>();
    private final RelDataType planColumnType = new JavaTypeFactoryImpl().createSqlType(SqlTypeName.VARCHAR);

    public SqlQueryService(TableSource source, SqlFrontend frontend, QueryPlanner planner, QueryExecutor executor, SqlConfig config) {
        this(source, frontend, planner, executor, config, List.of());
    }

    /** With the table functions of {@code languages} (e.g. {@code promql(...)}) in every tenant's schema. */
    public SqlQueryService(TableSource source, SqlFrontend frontend, QueryPlanner planner, QueryExecutor executor, SqlConfig config,
            List<EmbeddedQueryLanguage> languages) {
        this.languages = List.copyOf(requireNonNull(languages, "languages is null"));
        this.source = requireNonNull(source, "source is null");
        this.frontend = requireNonNull(frontend, "frontend is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.cache = new PlanCache(requireNonNull(config, "config is null").planCacheSize());
    }

    /**
     * Plans (or finds the cached plan of) {@code sql} for {@code tenant} and starts it. The caller
     * pulls batches from the result and closes it.
     *
     * @throws dev.strata.spi.error.StrataException for syntax and validation errors (with line
     *     and column), unsupported statements and limits
     */
    public QueryResult execute(String tenant, String sql, QueryLimits limits) {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(sql, "sql is null");
        return executor.execute(plan(tenant, sql), limits);
    }

    /** The cached or new plan of {@code sql} (an EXPLAIN's plan yields its text as one row). */
    public PhysicalPlan plan(String tenant, String sql) {
        return cache.get(tenant, sql, () -> buildPlan(tenant, sql));
    }

    /** The EXPLAIN text of {@code sql} (without the EXPLAIN keyword). */
    public String explain(String tenant, String sql) {
        SqlFrontend.Statement statement = frontend.parse(sql);
        return physicalPlan(tenant, statement).explain();
    }

    /** Plans and runs a few queries of every kind, so the first user query does not pay class loading and JIT. */
    public void warmUp() {
        long start = System.nanoTime();
        for (String sql : WARM_UP_QUERIES) {
            PhysicalPlan plan = buildPlan("__warmup__", sql);
            try (QueryResult result = executor.execute(plan, QueryLimits.DEFAULT)) {
                while (result.next() != null) {
                    // drain
                }
            }
        }
        LOG.info("sql warm-up done [queries={}, millis={}]", WARM_UP_QUERIES.size(), (System.nanoTime() - start) / 1_000_000);
    }

    int cachedPlans() {
        return cache.size();
    }

    private PhysicalPlan buildPlan(String tenant, String sql) {
        SqlFrontend.Statement statement = frontend.parse(sql);
        PhysicalPlan plan = physicalPlan(tenant, statement);
        if (!statement.isExplain()) {
            return plan;
        }
        List<String> lines = List.of(plan.explain());
        return new PhysicalPlan(List.of(ResultColumn.of("PLAN", planColumnType)), plan.explain(),
                new PhysicalPlan.Columnar(context -> context.register(new TextRowsOperator(context, "PLAN", lines))));
    }

    private PhysicalPlan physicalPlan(String tenant, SqlFrontend.Statement statement) {
        TelemetrySchema schema = schemas.computeIfAbsent(tenant, name -> new TelemetrySchema(name, source, languages));
        PlanningContext context = planner.newContext(schema);
        RelRoot root = frontend.toRel(statement.query(), context);
        return planner.optimize(root, context);
    }
}
