package dev.strata.sql;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/** SQL front-end errors (range 0x0400_0000); all are the user's and map to HTTP 400. */
public enum SqlErrorCode implements ErrorCodeSupplier {
    /** The text does not parse. */
    SQL_SYNTAX(0, ErrorType.USER_ERROR),
    /** Unknown table, column or function, or a type error. */
    SQL_VALIDATION(1, ErrorType.USER_ERROR),
    /** A statement other than a query or EXPLAIN (INSERT, DDL...). */
    SQL_UNSUPPORTED_STATEMENT(2, ErrorType.USER_ERROR);

    private final ErrorCode errorCode;

    SqlErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0400_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
