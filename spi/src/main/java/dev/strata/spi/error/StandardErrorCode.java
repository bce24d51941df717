package dev.strata.spi.error;

/** Error codes shared by every module (range 0x0000_0000). */
public enum StandardErrorCode implements ErrorCodeSupplier {
    GENERIC_USER_ERROR(0, ErrorType.USER_ERROR),
    INVALID_ARGUMENT(1, ErrorType.USER_ERROR),
    NOT_FOUND(2, ErrorType.USER_ERROR),
    QUERY_CANCELLED(3, ErrorType.USER_ERROR),
    GENERIC_INTERNAL_ERROR(0x1_0000, ErrorType.INTERNAL_ERROR),
    GENERIC_INSUFFICIENT_RESOURCES(0x2_0000, ErrorType.INSUFFICIENT_RESOURCES),
    EXCEEDED_TIME_LIMIT(0x2_0001, ErrorType.INSUFFICIENT_RESOURCES),
    EXCEEDED_MEMORY_LIMIT(0x2_0002, ErrorType.INSUFFICIENT_RESOURCES),
    EXCEEDED_ROW_LIMIT(0x2_0003, ErrorType.INSUFFICIENT_RESOURCES),
    STORAGE_IO_ERROR(0x3_0000, ErrorType.EXTERNAL);

    private final ErrorCode errorCode;

    StandardErrorCode(int code, ErrorType type) {
        this.errorCode = new ErrorCode(code, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
