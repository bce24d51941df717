package dev.strata.ingest;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/** Ingest errors (range 0x0200_0000). The server maps each to the protocol's status code. */
public enum IngestErrorCode implements ErrorCodeSupplier {
    /** Undecodable protobuf, JSON or snappy/gzip framing: 400. */
    MALFORMED_PAYLOAD(0, ErrorType.USER_ERROR),
    /** Content-Type the protocol does not accept: 415. */
    UNSUPPORTED_MEDIA_TYPE(1, ErrorType.USER_ERROR),
    /** Empty body where the protocol needs one: 400. */
    EMPTY_BODY(2, ErrorType.USER_ERROR),
    /** Invalid label name or value, duplicate label, missing metric name: 400. */
    INVALID_LABELS(3, ErrorType.USER_ERROR),
    /** Every row of the batch fell outside retention or was otherwise refused: 400. */
    ROWS_REJECTED(4, ErrorType.USER_ERROR),
    /** Body over the configured limit: 413. */
    BODY_TOO_LARGE(5, ErrorType.INSUFFICIENT_RESOURCES),
    /** Series, streams or rate over a configured limit: 429. */
    LIMIT_EXCEEDED(6, ErrorType.INSUFFICIENT_RESOURCES);

    private final ErrorCode errorCode;

    IngestErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0200_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
