package dev.strata.engine.series.exec;


import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.AggregationOp;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import static java.util.Objects.requireNonNull;

/**
 * Aggregation across series: groups are computed once per series from {@code by}/{@code without},
 * then each step folds the present members of each group with primitive state.
 */
public final class Aggregate implements StepNode {
    private final StepNode input;
    private final AggregationOp op;
    private final List<String> grouping;
    private final Set<String> groupingNames;
    private final boolean without;
    private final Optional<StepNode> parameter;
    private final String countValuesLabel;
    private final String position;

    /** @param position where the parameter is in the query, for annotations ({@code (1:10)}) */
    public Aggregate(StepNode input, AggregationOp op, List<String> grouping, boolean without, Optional<StepNode> parameter, String countValuesLabel,
            String position) {
        this.position = requireNonNull(position, "position is null");
        this.input = requireNonNull(input, "input is null");
        this.op = requireNonNull(op, "op is null");
        this.grouping = List.copyOf(requireNonNull(grouping, "grouping is null"));
        this.groupingNames = Set.copyOf(this.grouping);
        this.without = without;
        this.parameter = requireNonNull(parameter, "parameter is null");
        this.countValuesLabel = countValuesLabel;
    }

    private Labels groupKey(Labels labels) {
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            boolean listed = groupingNames.contains(name);
            if (without ? !listed && !name.equals(Labels.METRIC_NAME) : listed) {
                b.add(name, labels.value(i));
            }
        }
        return b.build();
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        if (folds(op) && input instanceof RangeWindow window) {
            return foldStreamed(window, context);
        }
        StepVector in = input.evaluate(context);
        int steps = in.grid().steps();
        double[] param = parameter.isPresent() ? Scalars.values(parameter.get().evaluate(context), steps) : new double[steps];
        if (op == AggregationOp.COUNT_VALUES && countValuesLabel != null && countValuesLabel.isEmpty()) {
            throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "invalid label name \"\"");
        }
        if (op == AggregationOp.QUANTILE) {
            Annotations.checkQuantile(context.annotations(), param, position);
        }
        if (op == AggregationOp.TOPK || op == AggregationOp.BOTTOMK || op == AggregationOp.LIMITK) {
            for (double k : param) {
                if (Double.isNaN(k)) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "Parameter value is NaN");
                }
            }
        }
        if (op == AggregationOp.LIMIT_RATIO) {
            for (double ratio : param) {
                if (Double.isNaN(ratio)) {
                    throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "Ratio value is NaN");
                }
                if (ratio < -1 || ratio > 1) {
                    context.annotations().warn("ratio value should be between -1 and 1, got " + Annotations.formatG(ratio)
                            + ", capping to " + (ratio < 0 ? "-1" : "1"), position);
                }
            }
        }
        Map<Labels, List<StepSeries>> groups = new LinkedHashMap<>();
        for (StepSeries s : in.series()) {
            groups.computeIfAbsent(groupKey(s.labels()), k -> new ArrayList<>()).add(s);
        }
        List<StepSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, List<StepSeries>> group : groups.entrySet()) {
            switch (op) {
                case TOPK, BOTTOMK -> selectK(group.getValue(), param, steps, out);
                case LIMITK -> limitK(group.getValue(), param, steps, out);
                case LIMIT_RATIO -> limitRatio(group.getValue(), param, steps, out);
                case COUNT_VALUES -> countValues(group.getKey(), group.getValue(), steps, out);
                default -> out.add(fold(group.getKey(), group.getValue(), param, steps));
            }
        }
        out.removeIf(StepSeries::isEmpty);
        boolean selectsSeries = op == AggregationOp.TOPK || op == AggregationOp.BOTTOMK || op == AggregationOp.LIMITK
                || op == AggregationOp.LIMIT_RATIO;
        return new StepVector(in.grid(), selectsSeries ? out : Merge.distinct(out, steps));
    }

    /** The aggregations {@link GroupFold} computes series by series, without parameter or per-step member lists. */
    private static boolean folds(AggregationOp op) {
        return op == AggregationOp.SUM || op == AggregationOp.COUNT || op == AggregationOp.GROUP || op == AggregationOp.MIN
                || op == AggregationOp.MAX;
    }

    /** {@link #folds} over a range function's series as the window produces them: no step arrays per input series. */
    private StepVector foldStreamed(RangeWindow window, EvalContext context) {
        int steps = window.grid().steps();
        Map<Labels, GroupFold> groups = new LinkedHashMap<>();
        window.stream(context, true, series -> groups.computeIfAbsent(groupKey(series.labels()), key -> new GroupFold(key, op, steps))
                .add(series));
        List<StepSeries> out = new ArrayList<>(groups.size());
        for (GroupFold group : groups.values()) {
            out.add(group.result());
        }
        out.removeIf(StepSeries::isEmpty);
        return new StepVector(window.grid(), Merge.distinct(out, steps));
    }

    /**
     * One group of sum, count, group, min or max, fed series by series in member order. Each step
     * sees its members' values in the same order as a per-step fold over the members would, so
     * sums (Kahan, as Prometheus) are bit-identical; walking each series' arrays once instead of
     * every member's array at every step is what makes it cheaper.
     */
    private static final class GroupFold {
        private final Labels key;
        private final AggregationOp op;
        private final double[] values;
        private final double[] compensations;
        private final int[] counts;
        private boolean dropName;

        GroupFold(Labels key, AggregationOp op, int steps) {
            this.key = key;
            this.op = op;
            this.values = new double[steps];
            this.compensations = op == AggregationOp.SUM ? new double[steps] : null;
            this.counts = new int[steps];
        }

        void add(StepSeries series) {
            dropName |= series.dropName();
            double[] v = series.values();
            boolean[] present = series.present();
            int steps = counts.length;
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < steps; i++) {
                        if (present[i]) {
                            Kahan.add(values, compensations, i, v[i]);
                            counts[i]++;
                        }
                    }
                }
                case MIN -> {
                    for (int i = 0; i < steps; i++) {
                        if (present[i] && (counts[i]++ == 0 || values[i] > v[i] || Double.isNaN(values[i]))) {
                            values[i] = v[i];
                        }
                    }
                }
                case MAX -> {
                    for (int i = 0; i < steps; i++) {
                        if (present[i] && (counts[i]++ == 0 || values[i] < v[i] || Double.isNaN(values[i]))) {
                            values[i] = v[i];
                        }
                    }
                }
                default -> {
                    for (int i = 0; i < steps; i++) {
                        if (present[i]) {
                            counts[i]++;
                        }
                    }
                }
            }
        }

        StepSeries result() {
            int steps = counts.length;
            StepSeries r = StepSeries.empty(key, steps, dropName && key.metricName() != null);
            for (int i = 0; i < steps; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                r.present()[i] = true;
                r.values()[i] = switch (op) {
                    case SUM -> Kahan.value(values[i], compensations[i]);
                    case COUNT -> counts[i];
                    case GROUP -> 1;
                    default -> values[i];
                };
            }
            return r;
        }
    }

    private StepSeries fold(Labels key, List<StepSeries> members, double[] param, int steps) {
        if (folds(op)) {
            GroupFold group = new GroupFold(key, op, steps);
            for (StepSeries s : members) {
                group.add(s);
            }
            return group.result();
        }
        boolean drop = false;
        for (StepSeries s : members) {
            drop |= s.dropName();
        }
        StepSeries r = StepSeries.empty(key, steps, drop && key.metricName() != null);
        double[] buffer = new double[members.size()];
        for (int i = 0; i < steps; i++) {
            int n = 0;
            for (StepSeries s : members) {
                if (s.present()[i]) {
                    buffer[n++] = s.values()[i];
                }
            }
            if (n == 0) {
                continue;
            }
            r.present()[i] = true;
            r.values()[i] = foldValues(buffer, n, param[i]);
        }
        return r;
    }

    private double foldValues(double[] v, int n, double param) {
        switch (op) {
            case SUM -> {
                double[] k = new double[2];
                for (int j = 0; j < n; j++) {
                    Kahan.add(k, v[j]);
                }
                return Kahan.value(k);
            }
            case AVG -> {
                double[] copy = Arrays.copyOf(v, n);
                return RangeFunction.AVG_OVER_TIME.computeSimple(copy);
            }
            case COUNT -> {
                return n;
            }
            case GROUP -> {
                return 1;
            }
            case MIN -> {
                double min = v[0];
                for (int j = 1; j < n; j++) {
                    if (min > v[j] || Double.isNaN(min)) {
                        min = v[j];
                    }
                }
                return min;
            }
            case MAX -> {
                double max = v[0];
                for (int j = 1; j < n; j++) {
                    if (max < v[j] || Double.isNaN(max)) {
                        max = v[j];
                    }
                }
                return max;
            }
            case STDDEV, STDVAR -> {
                double mean = 0;
                double value = 0;
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (Double.isNaN(v[j]) || Double.isInfinite(v[j])) {
                        value = Double.NaN;
                        break;
                    }
                    count++;
                    double delta = v[j] - mean;
                    mean += delta / count;
                    value += delta * (v[j] - mean);
                }
                double variance = value / count;
                if (Double.isNaN(value)) {
                    variance = Double.NaN;
                }
                return op == AggregationOp.STDDEV ? Math.sqrt(variance) : variance;
            }
            case QUANTILE -> {
                return RangeFunction.quantile(param, Arrays.copyOf(v, n));
            }
            default -> throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, "aggregation " + op + " is not supported");
        }
    }

    private void selectK(List<StepSeries> members, double[] param, int steps, List<StepSeries> out) {
        boolean top = op == AggregationOp.TOPK;
        Map<StepSeries, StepSeries> selected = new LinkedHashMap<>();
        List<StepSeries> firstStepOrder = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double kf = param[i];
            if (Double.isNaN(kf) || kf < 1) {
                continue;
            }
            long k = kf >= members.size() ? members.size() : (long) kf;
            List<StepSeries> candidates = new ArrayList<>();
            for (StepSeries s : members) {
                if (s.present()[i]) {
                    candidates.add(s);
                }
            }
            final int step = i;
            candidates.sort((x, y) -> {
                double a = x.values()[step];
                double b = y.values()[step];
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
                }
                return top ? Double.compare(b, a) : Double.compare(a, b);
            });
            for (int j = 0; j < Math.min(k, candidates.size()); j++) {
                StepSeries s = candidates.get(j);
                StepSeries r = selected.computeIfAbsent(s, x -> StepSeries.empty(x.labels(), steps, x.dropName()));
                r.present()[i] = true;
                r.values()[i] = s.values()[i];
                if (i == 0) {
                    firstStepOrder.add(r);
                }
            }
        }
        if (steps == 1) {
            out.addAll(firstStepOrder);
        } else {
            out.addAll(selected.values());
        }
    }

    /**
     * {@code limitk}: at each step the first {@code k} present members of the group, in input
     * order (which members is unspecified in Prometheus; its engine also takes the first ones).
     */
    private static void limitK(List<StepSeries> members, double[] param, int steps, List<StepSeries> out) {
        StepSeries[] selected = new StepSeries[members.size()];
        for (int i = 0; i < steps; i++) {
            if (param[i] < 1) {
                continue;
            }
            long k = param[i] >= members.size() ? members.size() : (long) param[i];
            int taken = 0;
            for (int m = 0; m < members.size() && taken < k; m++) {
                StepSeries s = members.get(m);
                if (s.present()[i]) {
                    copyPoint(s, m, i, steps, selected);
                    taken++;
                }
            }
        }
        addSelected(selected, out);
    }

    /**
     * {@code limit_ratio}: a series is kept when its labels' hash, scaled to [0, 1], is below the
     * ratio (or, for a negative ratio, at or above 1 + ratio), so {@code limit_ratio(r, v)} and
     * {@code limit_ratio(-(1 - r), v)} split {@code v} in two. The hash is Prometheus's, so the
     * same series are chosen. Ratios outside [-1, 1] are capped (with a warning, see evaluate).
     */
    private static void limitRatio(List<StepSeries> members, double[] param, int steps, List<StepSeries> out) {
        StepSeries[] selected = new StepSeries[members.size()];
        double[] offsets = new double[members.size()];
        for (int m = 0; m < members.size(); m++) {
            offsets[m] = LabelsHash.unitOffset(LabelsHash.of(members.get(m).labels()));
        }
        for (int i = 0; i < steps; i++) {
            double ratio = Math.max(-1, Math.min(1, param[i]));
            if (ratio == 0) {
                continue;
            }
            for (int m = 0; m < members.size(); m++) {
                StepSeries s = members.get(m);
                boolean keep = ratio > 0 ? offsets[m] < ratio : offsets[m] >= 1 + ratio;
                if (keep && s.present()[i]) {
                    copyPoint(s, m, i, steps, selected);
                }
            }
        }
        addSelected(selected, out);
    }

    private static void copyPoint(StepSeries s, int member, int step, int steps, StepSeries[] selected) {
        if (selected[member] == null) {
            selected[member] = StepSeries.empty(s.labels(), steps, s.dropName());
        }
        selected[member].present()[step] = true;
        selected[member].values()[step] = s.values()[step];
    }

    private static void addSelected(StepSeries[] selected, List<StepSeries> out) {
        for (StepSeries s : selected) {
            if (s != null) {
                out.add(s);
            }
        }
    }

    private void countValues(Labels key, List<StepSeries> members, int steps, List<StepSeries> out) {
        Map<String, StepSeries> byValue = new LinkedHashMap<>();
        for (int i = 0; i < steps; i++) {
            for (StepSeries s : members) {
                if (!s.present()[i]) {
                    continue;
                }
                String value = formatFloat(s.values()[i]);
                StepSeries r = byValue.computeIfAbsent(value,
                        v -> StepSeries.empty(Labels.builder().addAll(key).remove(countValuesLabel).add(countValuesLabel, v).build(), steps));
                r.present()[i] = true;
                r.values()[i] += 1;
            }
        }
        out.addAll(byValue.values());
    }

    /** Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}. */
    static String formatFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
