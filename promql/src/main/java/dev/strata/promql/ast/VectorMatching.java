package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Label matching of a binary operation between two instant vectors.
 *
 * @param matchingLabels the labels of {@code on(...)} or {@code ignoring(...)}
 * @param on true for {@code on}, false for {@code ignoring} (or no clause)
 * @param include the extra labels of {@code group_left(...)} / {@code group_right(...)}
 * @param fillLeft the {@code fill}/{@code fill_left} value for series missing on the left side
 * @param fillRight the {@code fill}/{@code fill_right} value for series missing on the right side
 */
public record VectorMatching(
        VectorMatchCardinality cardinality,
        List<String> matchingLabels,
        boolean on,
        List<String> include,
        OptionalDouble fillLeft,
        OptionalDouble fillRight) {
    public VectorMatching {
        requireNonNull(cardinality, "cardinality is null");
        matchingLabels = List.copyOf(requireNonNull(matchingLabels, "matchingLabels is null"));
        include = List.copyOf(requireNonNull(include, "include is null"));
        requireNonNull(fillLeft, "fillLeft is null");
        requireNonNull(fillRight, "fillRight is null");
    }

    public static VectorMatching oneToOne() {
        return new VectorMatching(VectorMatchCardinality.ONE_TO_ONE, List.of(), false, List.of(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    public boolean hasFill() {
        return fillLeft.isPresent() || fillRight.isPresent();
    }

    public VectorMatching withCardinality(VectorMatchCardinality newCardinality) {
        return new VectorMatching(newCardinality, matchingLabels, on, include, fillLeft, fillRight);
    }
}
