/**
 * Vectorized scalar expressions: {@link dev.strata.engine.exec.expr.ExpressionCompiler} turns a
 * Calcite {@code RexNode} into a tree of {@link dev.strata.engine.exec.expr.VectorExpression}s that
 * evaluate a whole batch at a time over primitive arrays and Arrow vectors.
 */
package dev.strata.engine.exec.expr;
