package dev.strata.engine;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/** Engine errors (range 0x0300_0000): planning, execution and limits. */
public enum EngineErrorCode implements ErrorCodeSupplier {
    /** The query was cancelled by its caller. */
    QUERY_CANCELLED(0, ErrorType.USER_ERROR),
    /** The query ran past its deadline. */
    QUERY_TIMEOUT(1, ErrorType.INSUFFICIENT_RESOURCES),
    /** The query needed more memory than its limit. */
    QUERY_MEMORY_LIMIT(2, ErrorType.INSUFFICIENT_RESOURCES),
    /** The result has more rows than allowed. */
    QUERY_ROW_LIMIT(3, ErrorType.INSUFFICIENT_RESOURCES),
    /** No plan could be found for a query (a construct neither convention implements). */
    UNSUPPORTED_PLAN(4, ErrorType.USER_ERROR),
    /** A failure while evaluating the query (division by zero, bad cast). */
    EVALUATION_ERROR(5, ErrorType.USER_ERROR),
    /** A bug. */
    INTERNAL(6, ErrorType.INTERNAL_ERROR);

    private final ErrorCode errorCode;

    EngineErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0300_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
