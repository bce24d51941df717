package dev.strata.storage;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/** Errors of the storage module (range 0x0100_0000). */
public enum StorageErrorCode implements ErrorCodeSupplier {
    STORAGE_UNKNOWN_TABLE(0, ErrorType.USER_ERROR),
    STORAGE_INVALID_SPLIT(1, ErrorType.USER_ERROR),
    STORAGE_WAL_CORRUPT(0x1_0000, ErrorType.INTERNAL_ERROR),
    STORAGE_MANIFEST_CORRUPT(0x1_0001, ErrorType.INTERNAL_ERROR),
    STORAGE_CLOSED(0x1_0002, ErrorType.INTERNAL_ERROR),
    STORAGE_HEAD_FULL(0x2_0000, ErrorType.INSUFFICIENT_RESOURCES),
    STORAGE_WAL_IO(0x3_0000, ErrorType.EXTERNAL),
    STORAGE_PART_IO(0x3_0001, ErrorType.EXTERNAL),
    STORAGE_MANIFEST_IO(0x3_0002, ErrorType.EXTERNAL);

    private final ErrorCode errorCode;

    StorageErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0100_0000 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
