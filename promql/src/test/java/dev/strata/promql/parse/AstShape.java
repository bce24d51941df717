package dev.strata.promql.parse;

import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.DurationExpr;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorMatching;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A position-free, matcher-order-free rendering of a tree in S-expression style, used to compare
 * trees structurally (round trips) and to state expected tree shapes in tests independently of the
 * printer under test.
 */
final class AstShape {
    private AstShape() {}

    static String of(Expr expr) {
        if (expr instanceof AggregateExpr a) {
            return "(" + a.op().symbol() + (a.without() ? " without" + a.grouping() : a.grouping().isEmpty() ? "" : " by" + a.grouping())
                    + a.param().map(p -> " " + of(p)).orElse("") + " " + of(a.expr()) + ")";
        }
        if (expr instanceof BinaryExpr b) {
            return "(" + b.op().symbol() + (b.returnBool() ? " bool" : "") + b.matching().filter(m -> !isDefault(m)).map(m -> " " + m).orElse("") + " " + of(b.lhs()) + " "
                    + of(b.rhs()) + ")";
        }
        if (expr instanceof Call c) {
            List<String> args = new ArrayList<>();
            for (Expr arg : c.args()) {
                args.add(of(arg));
            }
            return "(" + c.function().name() + (args.isEmpty() ? "" : " " + String.join(" ", args)) + ")";
        }
        if (expr instanceof DurationExpr d) {
            return "(dur " + d.op() + (d.wrapped() ? " wrapped" : "") + d.lhs().map(l -> " " + of(l)).orElse("") + d.rhs().map(r -> " " + of(r)).orElse("")
                    + ")";
        }
        if (expr instanceof MatrixSelector m) {
            return "(matrix " + of(m.selector()) + " " + m.range() + optional(m.rangeExpr()) + ")";
        }
        if (expr instanceof NumberLiteral n) {
            return (n.duration() ? "dur:" : "") + n.value();
        }
        if (expr instanceof ParenExpr p) {
            return "(paren " + of(p.expr()) + ")";
        }
        if (expr instanceof StringLiteral s) {
            return "'" + s.value() + "'";
        }
        if (expr instanceof SubqueryExpr s) {
            return "(subquery " + of(s.expr()) + " " + s.range() + optional(s.rangeExpr()) + " step " + s.step() + optional(s.stepExpr()) + " offset "
                    + s.offset() + optional(s.offsetExpr()) + s.at().map(at -> " @" + at).orElse("") + ")";
        }
        if (expr instanceof UnaryExpr u) {
            return "(" + u.op().symbol() + " " + of(u.expr()) + ")";
        }
        VectorSelector v = (VectorSelector) expr;
        List<String> matchers = new ArrayList<>();
        for (LabelMatcher m : v.matchers()) {
            matchers.add(m.toString());
        }
        matchers.sort(null);
        return "(selector " + v.name() + " " + matchers + (v.offset().isZero() ? "" : " offset " + v.offset()) + optional(v.offsetExpr())
                + v.at().map(at -> " @" + at).orElse("") + (v.anchored() ? " anchored" : "") + (v.smoothed() ? " smoothed" : "") + ")";
    }

    private static boolean isDefault(VectorMatching matching) {
        VectorMatching oneToOne = VectorMatching.oneToOne();
        return matching.equals(oneToOne) || matching.equals(oneToOne.withCardinality(VectorMatchCardinality.MANY_TO_MANY));
    }

    private static String optional(Optional<? extends Expr> expr) {
        return expr.map(e -> " " + of(e)).orElse("");
    }
}
