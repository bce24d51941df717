package dev.strata.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.series.exec.SeriesBatchOperator;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An embedded query (e.g. {@code TABLE(promql(...))}) as a leaf of a SQL plan: its series plan
 * runs inside this node's operator and comes out as {@code (ts, labels, value)} batches. The
 * series plan is an attribute, not an input: it is already physical (one time-series operator per
 * node), so the SQL optimizer leaves it alone.
 */
public final class ColumnarSeriesScan extends AbstractRelNode implements ColumnarRel {
    private final String language;
    private final String query;
    private final RelNode seriesPlan;
    private final TableSource source;
    private final String tenant;
    private final long maxSamples;

    public ColumnarSeriesScan(RelOptCluster cluster, RelTraitSet traitSet, RelDataType rowType, String language, String query, RelNode seriesPlan,
            TableSource source, String tenant, long maxSamples) {
        super(cluster, traitSet);
        this.rowType = requireNonNull(rowType, "rowType is null");
        this.language = requireNonNull(language, "language is null");
        this.query = requireNonNull(query, "query is null");
        this.seriesPlan = requireNonNull(seriesPlan, "seriesPlan is null");
        this.source = requireNonNull(source, "source is null");
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.maxSamples = maxSamples;
    }

    public RelNode seriesPlan() {
        return seriesPlan;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ColumnarSeriesScan(getCluster(), traitSet, rowType, language, query, seriesPlan, source, tenant, maxSamples);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return 100;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        // the only implementation of an embedded query: never let another convention look cheaper
        return planner.getCostFactory().makeTinyCost();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        // the series plan on one line, its nodes separated by " <- " from the root down
        return super.explainTerms(pw).item("language", language).item("query", query)
                .item("plan", QueryPlanner.explain(seriesPlan).lines().map(String::strip).reduce((a, b) -> a + " <- " + b).orElse(""));
    }

    @Override
    public OperatorFactory implement() {
        return SeriesBatchOperator.factory(seriesPlan, source, tenant, maxSamples);
    }
}
