package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.table.TelemetryTables;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * Selects series by label matchers: the samples of every matching series of the {@code samples}
 * table in the closed range {@code [minMs, maxMs]} (the nodes above apply each window's open
 * start). The range already includes the lookback or range window and the {@code offset}/{@code @}
 * shift, so the store reads only what the query needs. Rows come grouped by series, sorted by time.
 */
public final class SeriesScan extends SeriesRel {
    private final List<LabelMatcher> matchers;
    private final long minMs;
    private final long maxMs;

    public SeriesScan(RelOptCluster cluster, RelTraitSet traitSet, List<LabelMatcher> matchers, long minMs, long maxMs) {
        super(cluster, traitSet, List.of());
        this.matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    public static SeriesScan create(RelOptCluster cluster, List<LabelMatcher> matchers, long minMs, long maxMs) {
        return new SeriesScan(cluster, cluster.traitSetOf(Convention.NONE), matchers, minMs, maxMs);
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public long minMs() {
        return minMs;
    }

    public long maxMs() {
        return maxMs;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SeriesScan(getCluster(), traitSet, matchers, minMs, maxMs);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw)
                .item("table", TelemetryTables.SAMPLES)
                .item("matchers", SeriesTerms.list(matchers))
                .item("ts", minMs + ".." + maxMs);
    }
}
