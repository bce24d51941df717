package dev.strata.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.TimeRange;
import java.util.List;

/**
 * What a {@link ColumnarTableScan} asks of the store besides its columns: a time range that
 * prunes parts and label matchers that prune series, streams or resources. Both are hints derived
 * from filters that stay in the plan, so rows the store returns in excess are filtered again.
 */
public record ScanSpec(TimeRange timeRange, List<LabelMatcher> matchers) {
    public static final ScanSpec ALL = new ScanSpec(TimeRange.ALL, List.of());

    public ScanSpec {
        requireNonNull(timeRange, "timeRange is null");
        matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
    }

    public boolean isAll() {
        return timeRange.isAll() && matchers.isEmpty();
    }
}
