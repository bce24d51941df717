package dev.strata.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestLabelIndex {
    private final LabelIndex index = new LabelIndex();

    TestLabelIndex() {
        index.add(0, Labels.of("__name__", "up", "job", "api", "env", "prod"));
        index.add(1, Labels.of("__name__", "up", "job", "db"));
        index.add(2, Labels.of("__name__", "http_requests_total", "job", "api", "env", ""));
        index.add(3, Labels.of("__name__", "http_requests_total", "job", "web", "env", "dev"));
    }

    private int[] select(LabelMatcher... matchers) {
        return index.select(List.of(matchers)).toArray();
    }

    @Test
    void equalityAndInequality() {
        assertThat(select(LabelMatcher.equal("__name__", "up"))).containsExactly(0, 1);
        assertThat(select(LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("job", "api"))).containsExactly(0);
        assertThat(select(LabelMatcher.of("job", MatchOp.NOT_EQUAL, "api"))).containsExactly(1, 3);
        assertThat(select(LabelMatcher.equal("job", "nope"))).isEmpty();
        assertThat(select()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void regexIsFullyAnchored() {
        assertThat(select(LabelMatcher.of("job", MatchOp.REGEX, "ap"))).isEmpty();
        assertThat(select(LabelMatcher.of("job", MatchOp.REGEX, "api|db"))).containsExactly(0, 1, 2);
        assertThat(select(LabelMatcher.of("__name__", MatchOp.NOT_REGEX, "http_.*"))).containsExactly(0, 1);
    }

    @Test
    void matchersAcceptingEmptyAlsoSelectSetsWithoutTheLabel() {
        // env="" : series 1 has no env, series 2 has an empty env (ingest normally drops those)
        assertThat(select(LabelMatcher.equal("env", ""))).containsExactly(1, 2);
        assertThat(select(LabelMatcher.of("env", MatchOp.NOT_EQUAL, ""))).containsExactly(0, 3);
        assertThat(select(LabelMatcher.of("env", MatchOp.REGEX, "prod|"))).containsExactly(0, 1, 2);
        assertThat(select(LabelMatcher.of("env", MatchOp.REGEX, ".+"))).containsExactly(0, 3);
        assertThat(select(LabelMatcher.of("env", MatchOp.NOT_REGEX, ".*"))).isEmpty();
        assertThat(select(LabelMatcher.equal("missing", ""))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void namesAndValuesWithinASelection() {
        assertThat(index.labelNames(index.select(List.of(LabelMatcher.equal("job", "db"))))).containsExactly("__name__", "job");
        assertThat(index.labelValues("job", index.select(List.of()))).containsExactly("api", "db", "web");
        assertThat(index.labelValues("env", index.select(List.of(LabelMatcher.equal("__name__", "http_requests_total")))))
                .containsExactly("", "dev");
    }

    @Test
    void idOrdinalMapGrowsAndFinds() {
        IdOrdinalMap map = new IdOrdinalMap(2);
        for (int i = 0; i < 10_000; i++) {
            map.put(i * 0x9E3779B97F4A7C15L, i);
        }
        assertThat(map.size()).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(map.get(i * 0x9E3779B97F4A7C15L)).isEqualTo(i);
        }
        assertThat(map.get(42)).isEqualTo(-1);
    }
}
