package dev.strata.engine.exec.expr;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ValueKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Compiles a {@link RexNode} over a batch of {@code inputType} rows into a {@link VectorExpression}.
 * Compilation happens once per query execution (it builds a small tree of objects, no code
 * generation). Expressions it does not know raise {@link UnsupportedOperationException}, which the
 * converter rules use to leave that node to Calcite's enumerable convention.
 */
public final class ExpressionCompiler {
    private final RelDataType inputType;
    private final RexBuilder rexBuilder;
    private final BufferAllocator allocator;

    /**
     * @param allocator where string results are allocated; null for a dry run that only checks
     *     whether every expression is supported (such expressions must not be evaluated)
     */
    public ExpressionCompiler(RelDataType inputType, RexBuilder rexBuilder, BufferAllocator allocator) {
        this.inputType = requireNonNull(inputType, "inputType is null");
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.allocator = allocator;
    }

    /** True when every expression compiles and produces a value the operators can hold. */
    public static boolean supports(List<RexNode> expressions, RelDataType inputType, RexBuilder rexBuilder) {
        ExpressionCompiler compiler = new ExpressionCompiler(inputType, rexBuilder, null);
        try {
            for (RexNode expression : expressions) {
                if (ValueKind.of(expression.getType()) == null) {
                    return false;
                }
                compiler.compile(expression).close();
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * True when the compiled {@code node} cannot fail on any input row, so that it may be evaluated
     * over rows a filter has dropped (integer division by zero is the one evaluation error).
     */
    public static boolean isTotal(RexNode node) {
        if (node instanceof RexCall call) {
            switch (call.getKind()) {
                case DIVIDE, MOD -> {
                    return false;
                }
                case AND, OR, NOT, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE, EQUALS, NOT_EQUALS,
                        LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, PLUS, MINUS, TIMES, MINUS_PREFIX,
                        PLUS_PREFIX, CAST, ITEM, LIKE, SEARCH, CASE, FLOOR, CEIL -> {
                    for (RexNode operand : call.getOperands()) {
                        if (!isTotal(operand)) {
                            return false;
                        }
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return node instanceof RexInputRef || node instanceof RexLiteral;
    }

    public VectorExpression compile(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return new InputReference(kindOf(ref.getType()), ref.getIndex());
        }
        if (node instanceof RexLiteral literal) {
            return literal(literal);
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw unsupported(node);
    }

    private VectorExpression literal(RexLiteral literal) {
        RelDataType type = literal.getType();
        SqlTypeName typeName = type.getSqlTypeName();
        if (literal.isNull()) {
            ValueKind kind = typeName == SqlTypeName.DECIMAL ? ValueKind.DOUBLE : kindOf(type);
            return Literal.nullOf(kind, allocator);
        }
        return switch (typeName) {
            case BOOLEAN -> Literal.ofBoolean(Boolean.TRUE.equals(literal.getValueAs(Boolean.class)));
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Literal.ofLong(literal.getValueAs(Long.class));
            case DECIMAL -> {
                BigDecimal value = literal.getValueAs(BigDecimal.class);
                yield value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0
                        ? Literal.ofLong(value.longValueExact())
                        : Literal.ofDouble(value.doubleValue());
            }
            case DOUBLE, FLOAT, REAL -> Literal.ofDouble(literal.getValueAs(Double.class));
            case CHAR, VARCHAR -> Literal.ofString(literal.getValueAs(String.class), allocator);
            case TIMESTAMP -> Literal.ofLong(literal.getValueAs(Long.class));
            case INTERVAL_DAY, INTERVAL_DAY_HOUR, INTERVAL_DAY_MINUTE, INTERVAL_DAY_SECOND, INTERVAL_HOUR,
                    INTERVAL_HOUR_MINUTE, INTERVAL_HOUR_SECOND, INTERVAL_MINUTE, INTERVAL_MINUTE_SECOND,
                    INTERVAL_SECOND -> Literal.ofLong(literal.getValueAs(BigDecimal.class).longValueExact());
            default -> throw unsupported(literal);
        };
    }

    private VectorExpression call(RexCall call) {
        SqlKind kind = call.getKind();
        List<RexNode> operands = call.getOperands();
        switch (kind) {
            case AND, OR -> {
                List<VectorExpression> compiled = new ArrayList<>();
                for (RexNode operand : operands) {
                    compiled.add(booleanOperand(operand));
                }
                return new Logical(kind == SqlKind.AND ? Logical.Op.AND : Logical.Op.OR, compiled);
            }
            case NOT -> {
                return new Logical(Logical.Op.NOT, List.of(booleanOperand(operands.get(0))));
            }
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> {
                VectorExpression operand = compile(operands.get(0));
                return new NullTest(NullTest.Op.valueOf(kind.name()), operand);
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                return comparison(call);
            }
            case PLUS, MINUS, TIMES, DIVIDE, MOD -> {
                return arithmetic(call);
            }
            case MINUS_PREFIX -> {
                ValueKind resultKind = numericKind(call.getType());
                return new Cast(resultKind, coerce(compile(operands.get(0)), resultKind), true);
            }
            case PLUS_PREFIX -> {
                return compile(operands.get(0));
            }
            case CAST -> {
                return cast(call);
            }
            case ITEM -> {
                return item(call);
            }
            case LIKE -> {
                return like(call);
            }
            case SEARCH -> {
                return compile(RexUtil.expandSearch(rexBuilder, null, call));
            }
            case CASE -> {
                return caseWhen(call);
            }
            case FLOOR, CEIL -> {
                return floor(call);
            }
            default -> throw unsupported(call);
        }
    }

    private VectorExpression booleanOperand(RexNode operand) {
        VectorExpression compiled = compile(operand);
        if (compiled.kind() != ValueKind.BOOLEAN) {
            compiled.close();
            throw unsupported(operand);
        }
        return compiled;
    }

    private VectorExpression comparison(RexCall call) {
        RexNode leftNode = call.getOperands().get(0);
        RexNode rightNode = call.getOperands().get(1);
        Comparison.Op op = switch (call.getKind()) {
            case EQUALS -> Comparison.Op.EQ;
            case NOT_EQUALS -> Comparison.Op.NE;
            case LESS_THAN -> Comparison.Op.LT;
            case LESS_THAN_OR_EQUAL -> Comparison.Op.LE;
            case GREATER_THAN -> Comparison.Op.GT;
            default -> Comparison.Op.GE;
        };
        if (leftNode instanceof RexLiteral && !(rightNode instanceof RexLiteral)) {
            RexNode swap = leftNode;
            leftNode = rightNode;
            rightNode = swap;
            op = switch (op) {
                case LT -> Comparison.Op.GT;
                case LE -> Comparison.Op.GE;
                case GT -> Comparison.Op.LT;
                case GE -> Comparison.Op.LE;
                case EQ, NE -> op;
            };
        }
        VectorExpression left = compile(leftNode);
        VectorExpression right = compile(rightNode);
        ValueKind common = commonKind(left.kind(), right.kind());
        if (common == null || common == ValueKind.MAP) {
            left.close();
            right.close();
            throw unsupported(call);
        }
        return new Comparison(op, coerce(left, common), coerce(right, common));
    }

    private VectorExpression arithmetic(RexCall call) {
        ValueKind resultKind = numericKind(call.getType());
        VectorExpression left = compile(call.getOperands().get(0));
        VectorExpression right = compile(call.getOperands().get(1));
        if (!isNumeric(left.kind()) || !isNumeric(right.kind())) {
            throw unsupported(call);
        }
        Arithmetic.Op op = switch (call.getKind()) {
            case PLUS -> Arithmetic.Op.PLUS;
            case MINUS -> Arithmetic.Op.MINUS;
            case TIMES -> Arithmetic.Op.TIMES;
            case DIVIDE -> Arithmetic.Op.DIVIDE;
            default -> Arithmetic.Op.MOD;
        };
        if (resultKind == ValueKind.LONG && (left.kind() != ValueKind.LONG || right.kind() != ValueKind.LONG)) {
            throw unsupported(call);
        }
        return new Arithmetic(resultKind, op, coerce(left, resultKind), coerce(right, resultKind));
    }

    private VectorExpression cast(RexCall call) {
        RelDataType target = call.getType();
        RexNode operandNode = call.getOperands().get(0);
        RelDataType source = operandNode.getType();
        ValueKind targetKind = ValueKind.of(target);
        if (targetKind == null || targetKind == ValueKind.MAP) {
            throw unsupported(call);
        }
        if (source.getSqlTypeName() == target.getSqlTypeName() && source.getPrecision() == target.getPrecision()
                && source.getScale() == target.getScale()) {
            return compile(operandNode);
        }
        SqlTypeName sourceName = source.getSqlTypeName();
        SqlTypeName targetName = target.getSqlTypeName();
        if (sourceName == SqlTypeName.TIMESTAMP || targetName == SqlTypeName.TIMESTAMP) {
            throw unsupported(call);
        }
        if (targetKind == ValueKind.STRING) {
            boolean unbounded = target.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || target.getPrecision() >= 65536;
            if (targetName == SqlTypeName.VARCHAR && (sourceName == SqlTypeName.VARCHAR || sourceName == SqlTypeName.CHAR) && unbounded) {
                return compile(operandNode);
            }
            throw unsupported(call);
        }
        VectorExpression operand = compile(operandNode);
        if (operand.kind() == targetKind && targetKind == ValueKind.BOOLEAN) {
            return operand;
        }
        if (!isNumeric(operand.kind()) || !isNumeric(targetKind)) {
            operand.close();
            throw unsupported(call);
        }
        if (sourceName == SqlTypeName.DECIMAL && operand.kind() == ValueKind.DOUBLE && !(operandNode instanceof RexLiteral)) {
            operand.close();
            throw unsupported(call);
        }
        if (operand.kind() == targetKind) {
            return operand;
        }
        return new Cast(targetKind, operand, false);
    }

    private VectorExpression item(RexCall call) {
        RexNode map = call.getOperands().get(0);
        RexNode key = call.getOperands().get(1);
        ValueKind valueKind = ValueKind.of(call.getType());
        if (map.getType().getSqlTypeName() != SqlTypeName.MAP || !(key instanceof RexLiteral literal)
                || valueKind == null || valueKind == ValueKind.MAP || literal.isNull()) {
            throw unsupported(call);
        }
        String name = literal.getValueAs(String.class);
        return new MapItem(valueKind, compile(map), requireNonNull(name, "key"), allocator);
    }

    private VectorExpression like(RexCall call) {
        List<RexNode> operands = call.getOperands();
        if (!(call.getOperator() instanceof SqlLikeOperator likeOperator) || likeOperator.getKind() != SqlKind.LIKE
                || !(operands.get(1) instanceof RexLiteral pattern) || pattern.isNull()) {
            throw unsupported(call);
        }
        if (!"LIKE".equals(likeOperator.getName()) && !"NOT LIKE".equals(likeOperator.getName())) {
            throw unsupported(call); // ILIKE, RLIKE and friends
        }
        Character escape = null;
        if (operands.size() > 2) {
            if (!(operands.get(2) instanceof RexLiteral escapeLiteral)) {
                throw unsupported(call);
            }
            String escapeText = escapeLiteral.getValueAs(String.class);
            escape = escapeText == null || escapeText.isEmpty() ? null : escapeText.charAt(0);
        }
        VectorExpression operand = compile(operands.get(0));
        if (operand.kind() != ValueKind.STRING) {
            operand.close();
            throw unsupported(call);
        }
        VectorExpression like = new Like(operand, pattern.getValueAs(String.class), escape);
        return likeOperator.isNegated() ? new Logical(Logical.Op.NOT, List.of(like)) : like;
    }

    private VectorExpression caseWhen(RexCall call) {
        ValueKind resultKind = kindOf(call.getType());
        if (resultKind == ValueKind.MAP) {
            throw unsupported(call);
        }
        List<RexNode> operands = call.getOperands();
        List<VectorExpression> conditions = new ArrayList<>();
        List<VectorExpression> values = new ArrayList<>();
        for (int i = 0; i + 1 < operands.size(); i += 2) {
            conditions.add(booleanOperand(operands.get(i)));
            values.add(coerce(compile(operands.get(i + 1)), resultKind));
        }
        VectorExpression otherwise = coerce(compile(operands.get(operands.size() - 1)), resultKind);
        return new CaseWhen(resultKind, conditions, values, otherwise, allocator);
    }

    private VectorExpression floor(RexCall call) {
        List<RexNode> operands = call.getOperands();
        if (operands.size() != 2 || operands.get(0).getType().getSqlTypeName() != SqlTypeName.TIMESTAMP
                || !(operands.get(1) instanceof RexLiteral unitLiteral)) {
            throw unsupported(call);
        }
        TimeUnitRange unit = unitLiteral.getValueAs(TimeUnitRange.class);
        long unitMillis = switch (unit == null ? TimeUnitRange.YEAR : unit) {
            case MILLISECOND -> 1L;
            case SECOND -> 1_000L;
            case MINUTE -> 60_000L;
            case HOUR -> 3_600_000L;
            case DAY -> 86_400_000L;
            default -> throw unsupported(call);
        };
        return new FloorTimestamp(compile(operands.get(0)), unitMillis, call.getKind() == SqlKind.CEIL);
    }

    private static VectorExpression coerce(VectorExpression expression, ValueKind kind) {
        if (expression.kind() == kind) {
            return expression;
        }
        if (kind == ValueKind.DOUBLE && expression.kind() == ValueKind.LONG) {
            if (expression instanceof Literal literal && !literal.isNull()) {
                return Literal.ofDouble(literal.longValue());
            }
            return new Cast(ValueKind.DOUBLE, expression, false);
        }
        if (expression instanceof Literal literal && literal.isNull()) {
            return Literal.nullOf(kind, literal.allocatorForNull());
        }
        expression.close();
        throw new UnsupportedOperationException("cannot coerce " + expression.kind() + " to " + kind);
    }

    private static ValueKind commonKind(ValueKind left, ValueKind right) {
        if (left == right) {
            return left;
        }
        if (isNumeric(left) && isNumeric(right)) {
            return ValueKind.DOUBLE;
        }
        return null;
    }

    private static boolean isNumeric(ValueKind kind) {
        return kind == ValueKind.LONG || kind == ValueKind.DOUBLE;
    }

    private static ValueKind numericKind(RelDataType type) {
        ValueKind kind = ValueKind.of(type);
        if (!isNumeric(kind)) {
            throw new UnsupportedOperationException("not a columnar numeric type: " + type);
        }
        return kind;
    }

    private static ValueKind kindOf(RelDataType type) {
        ValueKind kind = ValueKind.of(type);
        if (kind == null) {
            throw new UnsupportedOperationException("no columnar kind for " + type);
        }
        return kind;
    }

    private static UnsupportedOperationException unsupported(RexNode node) {
        return new UnsupportedOperationException("not supported by the columnar operators: " + node);
    }
}
