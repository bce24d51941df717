package dev.strata.storage.index;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;

/**
 * Postings of one tenant's label sets: label name → value → ordinals. Matchers follow Prometheus
 * semantics: a matcher that accepts the empty string also selects label sets without the label.
 * Not thread-safe; the owning registry guards it.
 */
public final class LabelIndex {
    private final Map<String, Map<String, RoaringBitmap>> postings = new HashMap<>();
    private final RoaringBitmap all = new RoaringBitmap();

    public void add(int ordinal, Labels labels) {
        all.add(ordinal);
        for (int i = 0; i < labels.size(); i++) {
            postings.computeIfAbsent(labels.name(i), n -> new HashMap<>())
                    .computeIfAbsent(labels.value(i), v -> new RoaringBitmap())
                    .add(ordinal);
        }
    }

    public int size() {
        return all.getCardinality();
    }

    /** Ordinals of the label sets every matcher accepts (all of them when there is none). */
    public RoaringBitmap select(List<LabelMatcher> matchers) {
        RoaringBitmap result = all.clone();
        for (LabelMatcher matcher : matchers) {
            if (result.isEmpty()) {
                return result;
            }
            result.and(selectOne(matcher));
        }
        return result;
    }

    private RoaringBitmap selectOne(LabelMatcher matcher) {
        Map<String, RoaringBitmap> values = postings.getOrDefault(matcher.name(), Map.of());
        if (matcher.op() == MatchOp.EQUAL && !matcher.value().isEmpty()) {
            RoaringBitmap exact = values.get(matcher.value());
            return exact == null ? new RoaringBitmap() : exact;
        }
        if (matcher.matchesEmpty()) {
            // every set, minus those whose value of the label is rejected
            RoaringBitmap rejected = new RoaringBitmap();
            for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
                if (!matcher.matches(e.getKey())) {
                    rejected.or(e.getValue());
                }
            }
            return RoaringBitmap.andNot(all, rejected);
        }
        RoaringBitmap accepted = new RoaringBitmap();
        for (Map.Entry<String, RoaringBitmap> e : values.entrySet()) {
            if (matcher.matches(e.getKey())) {
                accepted.or(e.getValue());
            }
        }
        return accepted;
    }

    /** Names of labels that occur in at least one of {@code ordinals}, sorted. */
    public List<String> labelNames(RoaringBitmap ordinals) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, Map<String, RoaringBitmap>> e : postings.entrySet()) {
            for (RoaringBitmap bitmap : e.getValue().values()) {
                if (RoaringBitmap.intersects(bitmap, ordinals)) {
                    names.add(e.getKey());
                    break;
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** How many label sets carry {@code name} (with any value). */
    public int setsWithLabel(String name) {
        int n = 0;
        for (RoaringBitmap bitmap : postings.getOrDefault(name, Map.of()).values()) {
            n += bitmap.getCardinality();
        }
        return n;
    }

    /** Values {@code name} takes within {@code ordinals}, sorted. */
    public List<String> labelValues(String name, RoaringBitmap ordinals) {
        TreeSet<String> result = new TreeSet<>();
        for (Map.Entry<String, RoaringBitmap> e : postings.getOrDefault(name, Map.of()).entrySet()) {
            if (RoaringBitmap.intersects(e.getValue(), ordinals)) {
                result.add(e.getKey());
            }
        }
        return new ArrayList<>(result);
    }
}
