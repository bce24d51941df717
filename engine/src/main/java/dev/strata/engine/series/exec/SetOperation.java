package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.VectorOp;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static java.util.Objects.requireNonNull;

/**
 * {@code and}, {@code unless} and {@code or} (GreptimeDB's {@code UnionDistinctOn}) by signature,
 * decided per step: {@code or} adds a right-hand series at a step only when no left-hand series with
 * its signature is present there.
 */
public final class SetOperation implements StepNode {
    private final StepNode lhs;
    private final StepNode rhs;
    private final VectorOp op;
    private final BinaryJoin.Matching matching;

    public SetOperation(StepNode lhs, StepNode rhs, VectorOp op, BinaryJoin.Matching matching) {
        this.lhs = requireNonNull(lhs, "lhs is null");
        this.rhs = requireNonNull(rhs, "rhs is null");
        this.op = requireNonNull(op, "op is null");
        this.matching = requireNonNull(matching, "matching is null");
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector l = lhs.evaluate(context);
        StepVector r = rhs.evaluate(context);
        int steps = l.grid().steps();
        Map<Labels, boolean[]> presentBySig = new HashMap<>();
        StepVector indexed = op == VectorOp.OR ? l : r;
        for (StepSeries s : indexed.series()) {
            boolean[] p = presentBySig.computeIfAbsent(matching.signature(s.labels()), x -> new boolean[steps]);
            for (int i = 0; i < steps; i++) {
                p[i] |= s.present()[i];
            }
        }
        List<StepSeries> out = new ArrayList<>();
        if (op == VectorOp.OR) {
            out.addAll(l.series());
            for (StepSeries s : r.series()) {
                out.add(filter(s, presentBySig.get(matching.signature(s.labels())), false, steps));
            }
        } else {
            for (StepSeries s : l.series()) {
                out.add(filter(s, presentBySig.get(matching.signature(s.labels())), op == VectorOp.AND, steps));
            }
        }
        out.removeIf(StepSeries::isEmpty);
        Map<Labels, StepSeries> merged = new LinkedHashMap<>();
        for (StepSeries s : out) {
            StepSeries prev = merged.putIfAbsent(s.labels(), s);
            if (prev != null && prev != s) {
                StepSeries copy = new StepSeries(prev.labels(), prev.values().clone(), prev.present().clone(), prev.dropName());
                for (int i = 0; i < steps; i++) {
                    if (s.present()[i] && !copy.present()[i]) {
                        copy.present()[i] = true;
                        copy.values()[i] = s.values()[i];
                    }
                }
                merged.put(s.labels(), copy);
            }
        }
        return new StepVector(l.grid(), new ArrayList<>(merged.values()));
    }

    /** Keeps the steps where the other side's presence equals {@code keepWhenOther}. */
    private static StepSeries filter(StepSeries s, boolean[] other, boolean keepWhenOther, int steps) {
        StepSeries res = StepSeries.empty(s.labels(), steps, s.dropName());
        for (int i = 0; i < steps; i++) {
            boolean o = other != null && other[i];
            if (s.present()[i] && o == keepWhenOther) {
                res.present()[i] = true;
                res.values()[i] = s.values()[i];
            }
        }
        return res;
    }
}
