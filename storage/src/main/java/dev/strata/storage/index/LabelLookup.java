package dev.strata.storage.index;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.util.List;

/**
 * Label metadata straight from the index, for the query APIs' label and series endpoints: the
 * label sets of {@code samples} (series) or {@code logs} (streams) of one tenant that every
 * matcher accepts and that may have rows in the range. Sets known only from sealed parts count
 * as having rows in every range. Thread-safe.
 */
public interface LabelLookup {
    /** Label names over the matching sets, sorted. */
    List<String> labelNames(String tenant, String table, List<LabelMatcher> matchers, TimeRange range);

    /** Values of {@code name} over the matching sets, sorted. */
    List<String> labelValues(String tenant, String table, String name, List<LabelMatcher> matchers, TimeRange range);

    /** The matching label sets. */
    List<Labels> labelSets(String tenant, String table, List<LabelMatcher> matchers, TimeRange range);
}
