package dev.strata.engine.planner;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.TelemetrySchema;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rex.RexBuilder;

/**
 * What a front-end needs to build a plan for one tenant: the type factory, the catalog reader over
 * the tenant's schema and the cluster (whose planner later optimizes the plan). One per planning;
 * not thread-safe.
 */
public final class PlanningContext {
    private final TelemetrySchema schema;
    private final JavaTypeFactory typeFactory;
    private final VolcanoPlanner planner;
    private final RelOptCluster cluster;
    private final CalciteCatalogReader catalogReader;

    PlanningContext(TelemetrySchema schema, VolcanoPlanner planner) {
        this.schema = requireNonNull(schema, "schema is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.typeFactory = new JavaTypeFactoryImpl(StrataTypeSystem.INSTANCE);
        this.cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
        CalciteSchema root = CalciteSchema.createRootSchema(false, false, "", schema);
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        this.catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory, new CalciteConnectionConfigImpl(properties));
    }

    public String tenant() {
        return schema.tenant();
    }

    public JavaTypeFactory typeFactory() {
        return typeFactory;
    }

    public RelOptCluster cluster() {
        return cluster;
    }

    public CalciteCatalogReader catalogReader() {
        return catalogReader;
    }

    VolcanoPlanner planner() {
        return planner;
    }
}
