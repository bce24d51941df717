package dev.strata.server;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/** Server errors (range 0x0600_0000). {@code ErrorResponses} maps each to the API's status code. */
public enum ServerErrorCode implements ErrorCodeSupplier {
    /** A configuration key has an invalid value, or is unknown: startup fails. */
    INVALID_CONFIGURATION(0, ErrorType.USER_ERROR),
    /** The command line could not be parsed: startup fails with the usage text. */
    INVALID_COMMAND_LINE(1, ErrorType.USER_ERROR),
    /** {@code X-Scope-OrgID} holds an id that cannot name a tenant: 400. */
    INVALID_TENANT(2, ErrorType.USER_ERROR),
    /** The store is not open yet, or is closing: 503. */
    NOT_READY(3, ErrorType.INSUFFICIENT_RESOURCES),
    /** The worker queue is full, or a request waited in it beyond the request timeout: 503. */
    OVERLOADED(4, ErrorType.INSUFFICIENT_RESOURCES),
    /** A query API parameter is missing or cannot be parsed (Prometheus's {@code bad_data}): 400. */
    INVALID_PARAMETER(5, ErrorType.USER_ERROR),
    /** The SQL API was asked for a result format it does not write: 400. */
    UNSUPPORTED_FORMAT(6, ErrorType.USER_ERROR);

    private final ErrorCode errorCode;

    ServerErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0600_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
