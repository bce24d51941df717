package dev.strata.spi.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.TimeRange;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the engine asks of a table: one tenant's rows of {@code table} within {@code timeRange}
 * whose label set (series labels for {@code samples} and {@code series}, stream labels for
 * {@code logs}, resource attributes plus {@code service_name} and {@code name} for {@code spans})
 * satisfies every matcher, with only {@code columns} filled. Sources may return more rows than
 * asked (pruning is coarse); the engine filters again, so matchers and ranges are hints that must
 * never drop a matching row.
 *
 * @param limitHint the caller needs at most this many rows (after its own filtering); a source may ignore it
 */
public record ScanRequest(
        String tenant, String table, List<String> columns, TimeRange timeRange, List<LabelMatcher> matchers, OptionalLong limitHint) {
    public ScanRequest {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(table, "table is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(timeRange, "timeRange is null");
        matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
        requireNonNull(limitHint, "limitHint is null");
    }

    public static ScanRequest of(String tenant, String table, List<String> columns) {
        return new ScanRequest(tenant, table, columns, TimeRange.ALL, List.of(), OptionalLong.empty());
    }

    public ScanRequest withTimeRange(TimeRange range) {
        return new ScanRequest(tenant, table, columns, range, matchers, limitHint);
    }

    public ScanRequest withMatchers(List<LabelMatcher> newMatchers) {
        return new ScanRequest(tenant, table, columns, timeRange, newMatchers, limitHint);
    }
}
