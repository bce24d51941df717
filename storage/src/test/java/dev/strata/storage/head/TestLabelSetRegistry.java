package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import dev.strata.spi.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Label values over a selection, answered from the sets (small selections) or from the postings
 * (large ones), equal a brute-force pass over every registered set.
 */
final class TestLabelSetRegistry {
    @Test
    void labelValuesEqualABruteForcePassForSmallAndLargeSelections() {
        LabelSetRegistry registry = new LabelSetRegistry();
        List<Labels> sets = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            String job = "job" + (i % 5);
            List<String> pairs = new ArrayList<>(List.of("__name__", i % 3 == 0 ? "up" : "http_requests_total", "job", job,
                    "instance", job + "-" + (i / 5 % 20), "status", Integer.toString(200 + random.nextInt(4) * 100)));
            if (i % 7 == 0) {
                pairs.addAll(List.of("zone", "z" + random.nextInt(3)));
            }
            Labels labels = Labels.of(pairs.toArray(new String[0]));
            sets.add(labels);
            registry.addPersisted(labels.stableHash(), labels);
        }
        List<List<LabelMatcher>> selectors = List.of(
                List.of(),
                List.of(LabelMatcher.equal("job", "job1")),
                List.of(LabelMatcher.equal("job", "job1"), LabelMatcher.equal("status", "500")),
                List.of(LabelMatcher.of("instance", MatchOp.REGEX, "job2-1.")),
                List.of(LabelMatcher.of("job", MatchOp.NOT_EQUAL, "job0")),
                List.of(LabelMatcher.equal("job", "none")),
                List.of(LabelMatcher.equal("__name__", "up"), LabelMatcher.of("zone", MatchOp.REGEX, "z[12]")));
        for (List<LabelMatcher> matchers : selectors) {
            for (String name : List.of("instance", "status", "zone", "job", "missing")) {
                TreeSet<String> truth = new TreeSet<>();
                for (Labels labels : sets) {
                    boolean all = true;
                    for (LabelMatcher matcher : matchers) {
                        all &= matcher.matches(labels);
                    }
                    if (all && labels.get(name) != null) {
                        truth.add(labels.get(name));
                    }
                }
                assertThat(registry.labelValues(name, matchers, TimeRange.ALL)).as("%s over %s", name, matchers)
                        .containsExactlyElementsOf(truth);
            }
        }
    }
}
