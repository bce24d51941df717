package dev.strata.engine.exec.operator;

/**
 * What a compiled expression reads: the input columns it references, and whether it may be
 * evaluated once per distinct value of its single input instead of once per row (it is total and
 * deterministic, so evaluating it on values no live row holds neither fails nor changes anything).
 * {@code columns} null means unknown: every column may be read.
 */
public record ExpressionInputs(int[] columns, boolean perEntry) {
    public ExpressionInputs {
        columns = columns == null ? null : columns.clone();
    }

    /** Unknown inputs: columns in dictionary form are decoded before evaluating. */
    public static final ExpressionInputs UNKNOWN = new ExpressionInputs(null, false);

    @Override
    public int[] columns() {
        return columns == null ? null : columns.clone();
    }
}
