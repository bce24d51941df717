package dev.strata.engine.series.exec;


import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.VectorOp;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static java.util.Objects.requireNonNull;

/**
 * Arithmetic and comparison operators between scalars and vectors. Vector-vector operands are
 * matched on their signature ({@code on}/{@code ignoring} labels); per step the "one" side is
 * indexed by signature and each "many" side series looks up its partner.
 */
public final class BinaryJoin implements StepNode {
    private final StepNode lhs;
    private final StepNode rhs;
    private final VectorOp op;
    private final boolean lhsScalar;
    private final boolean rhsScalar;
    private final boolean returnBool;
    private final Matching matching;

    /** Vector matching: cardinality, {@code on} or {@code ignoring} labels, {@code group_x} extra labels. */
    public record Matching(MatchCardinality cardinality, List<String> labels, boolean on, List<String> include) {
        public Matching {
            requireNonNull(cardinality, "cardinality is null");
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }

        Labels signature(Labels labels0) {
            Labels.Builder b = Labels.builder();
            for (int i = 0; i < labels0.size(); i++) {
                String name = labels0.name(i);
                boolean listed = labels.contains(name);
                if (on ? listed : !listed && !name.equals(Labels.METRIC_NAME)) {
                    b.add(name, labels0.value(i));
                }
            }
            return b.build();
        }
    }

    public BinaryJoin(StepNode lhs, StepNode rhs, VectorOp op, boolean lhsScalar, boolean rhsScalar, boolean returnBool, Matching matching) {
        this.lhs = requireNonNull(lhs, "lhs is null");
        this.rhs = requireNonNull(rhs, "rhs is null");
        this.op = requireNonNull(op, "op is null");
        this.lhsScalar = lhsScalar;
        this.rhsScalar = rhsScalar;
        this.returnBool = returnBool;
        this.matching = requireNonNull(matching, "matching is null");
    }

    private boolean dropsName() {
        return returnBool || !op.isComparison();
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector l = lhs.evaluate(context);
        StepVector r = rhs.evaluate(context);
        int steps = l.grid().steps();
        if (lhsScalar && rhsScalar) {
            double[] a = Scalars.values(l, steps);
            double[] b = Scalars.values(r, steps);
            StepSeries out = StepSeries.empty(Labels.EMPTY, steps);
            for (int i = 0; i < steps; i++) {
                double v = apply(a[i], b[i]);
                out.values()[i] = op.isComparison() ? (v == 1 ? 1 : 0) : v;
                out.present()[i] = true;
            }
            return new StepVector(l.grid(), List.of(out));
        }
        if (lhsScalar || rhsScalar) {
            return vectorScalar(rhsScalar ? l : r, Scalars.values(rhsScalar ? r : l, steps), lhsScalar, steps);
        }
        return vectorVector(l, r, steps);
    }

    private StepVector vectorScalar(StepVector vector, double[] scalar, boolean swap, int steps) {
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries s : vector.series()) {
            StepSeries res = StepSeries.empty(s.labels(), steps, s.dropName() || dropsName());
            for (int i = 0; i < steps; i++) {
                if (!s.present()[i]) {
                    continue;
                }
                double a = swap ? scalar[i] : s.values()[i];
                double b = swap ? s.values()[i] : scalar[i];
                double v = apply(a, b);
                if (op.isComparison()) {
                    boolean keep = v == 1;
                    if (returnBool) {
                        v = keep ? 1 : 0;
                    } else if (!keep) {
                        continue;
                    } else {
                        v = s.values()[i];
                    }
                }
                res.values()[i] = v;
                res.present()[i] = true;
            }
            if (!res.isEmpty()) {
                out.add(res);
            }
        }
        return new StepVector(vector.grid(), Merge.distinct(out, steps));
    }

    private StepVector vectorVector(StepVector l, StepVector r, int steps) {
        boolean oneToMany = matching.cardinality() == MatchCardinality.ONE_TO_MANY;
        List<StepSeries> many = oneToMany ? r.series() : l.series();
        List<StepSeries> one = oneToMany ? l.series() : r.series();
        Labels[] manySig = new Labels[many.size()];
        for (int j = 0; j < many.size(); j++) {
            manySig[j] = matching.signature(many.get(j).labels());
        }
        Labels[] oneSig = new Labels[one.size()];
        for (int j = 0; j < one.size(); j++) {
            oneSig[j] = matching.signature(one.get(j).labels());
        }
        Map<Long, StepSeries> pairs = new HashMap<>();
        Map<Labels, StepSeries> results = new LinkedHashMap<>();
        Map<Labels, Integer> index = new HashMap<>();
        Map<Labels, Object> matched = new HashMap<>();
        for (int i = 0; i < steps; i++) {
            index.clear();
            for (int j = 0; j < one.size(); j++) {
                if (!one.get(j).present()[i]) {
                    continue;
                }
                Integer prev = index.put(oneSig[j], j);
                if (prev != null) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "found duplicate series for the match group " + oneSig[j]
                            + " on the " + (oneToMany ? "left" : "right") + " hand-side of the operation: [" + one.get(prev).labels() + ", "
                            + one.get(j).labels() + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
            }
            matched.clear();
            for (int j = 0; j < many.size(); j++) {
                StepSeries m = many.get(j);
                if (!m.present()[i]) {
                    continue;
                }
                Integer k = index.get(manySig[j]);
                if (k == null) {
                    continue;
                }
                StepSeries o = one.get(k);
                // checked before comparisons filter, as Prometheus does
                if (matching.cardinality() == MatchCardinality.ONE_TO_ONE && matched.put(manySig[j], Boolean.TRUE) != null) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR,
                            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                double vl = oneToMany ? o.values()[i] : m.values()[i];
                double vr = oneToMany ? m.values()[i] : o.values()[i];
                double v = apply(vl, vr);
                if (op.isComparison()) {
                    boolean keep = v == 1;
                    if (returnBool) {
                        v = keep ? 1 : 0;
                    } else if (!keep) {
                        continue;
                    } else {
                        v = vl;
                    }
                }
                long pairKey = ((long) j << 32) | k;
                StepSeries res = pairs.get(pairKey);
                if (res == null) {
                    Labels labels = resultLabels(m.labels(), o.labels());
                    boolean drop = dropsName() || m.dropName();
                    res = results.computeIfAbsent(labels, x -> StepSeries.empty(x, steps, drop));
                    pairs.put(pairKey, res);
                }
                if (matching.cardinality() != MatchCardinality.ONE_TO_ONE && res.present()[i]) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR,
                            "multiple matches for labels: grouping labels must ensure unique matches");
                }
                if (res.present()[i]) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "vector cannot contain metrics with the same labelset");
                }
                res.values()[i] = v;
                res.present()[i] = true;
            }
        }
        List<StepSeries> out = new ArrayList<>(results.values());
        out.removeIf(StepSeries::isEmpty);
        return new StepVector(l.grid(), out);
    }

    private Labels resultLabels(Labels many, Labels one) {
        Labels.Builder b = Labels.builder().addAll(many);
        if (matching.cardinality() == MatchCardinality.ONE_TO_ONE) {
            if (matching.on()) {
                Labels kept = b.build();
                b = Labels.builder();
                for (int i = 0; i < kept.size(); i++) {
                    if (matching.labels().contains(kept.name(i))) {
                        b.add(kept.name(i), kept.value(i));
                    }
                }
            } else {
                for (String name : matching.labels()) {
                    b.remove(name);
                }
            }
        }
        for (String name : matching.include()) {
            String v = one.get(name);
            b.remove(name);
            if (v != null && !v.isEmpty()) {
                b.add(name, v);
            }
        }
        return b.build();
    }

    /** Comparisons return 1 when true, 0 when false. */
    private double apply(double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MOD -> a % b;
            case POW -> pow(a, b);
            case ATAN2 -> Math.atan2(a, b);
            case EQLC -> a == b ? 1 : 0;
            case NEQ -> a != b ? 1 : 0;
            case GTR -> a > b ? 1 : 0;
            case LSS -> a < b ? 1 : 0;
            case GTE -> a >= b ? 1 : 0;
            case LTE -> a <= b ? 1 : 0;
            default -> throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, "operator " + op.symbol() + " is not supported");
        };
    }

    /**
     * Go's {@code math.Pow}, which differs from {@link Math#pow} in two special cases: {@code 1^y}
     * and {@code x^0} are 1 even for NaN, and {@code (-1)^±Inf} is 1 (NaN in Java).
     */
    static double pow(double a, double b) {
        if (a == 1 || b == 0) {
            return 1;
        }
        if (a == -1 && Double.isInfinite(b)) {
            return 1;
        }
        return Math.pow(a, b);
    }
}
