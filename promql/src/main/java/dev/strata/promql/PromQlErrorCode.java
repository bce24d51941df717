package dev.strata.promql;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/**
 * PromQL errors (range 0x0500_0000). Both parse-time codes are Prometheus's {@code bad_data} (HTTP 400)
 * and their messages read like Prometheus's {@code parse error: ...}.
 */
public enum PromQlErrorCode implements ErrorCodeSupplier {
    /** Lexical or syntax error. */
    PROMQL_SYNTAX(0, ErrorType.USER_ERROR),
    /** A well-formed query that Prometheus's parser rejects: types, arity, modifiers, unknown function. */
    PROMQL_SEMANTIC(1, ErrorType.USER_ERROR),
    /** Evaluation failed (Prometheus's {@code execution} error, HTTP 422). */
    PROMQL_EXECUTION(2, ErrorType.USER_ERROR),
    /** A valid query using a feature the evaluator does not implement yet. */
    PROMQL_UNSUPPORTED(3, ErrorType.USER_ERROR);

    private final ErrorCode errorCode;

    PromQlErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0500_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
