package dev.strata.storage.part;

import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorCodeSupplier;
import dev.strata.spi.error.ErrorType;

/**
 * Errors of the part files (storage range 0x0100_0000; parts use the sub-range from 0x0100_0100 so
 * that the rest of the storage module keeps the low codes).
 */
public enum PartErrorCode implements ErrorCodeSupplier {
    /** A part or its sidecar is not what this reader writes (bad magic, checksum, unknown encoding). */
    CORRUPT_PART(0, ErrorType.INTERNAL_ERROR),
    /** Reading or writing a part failed in the file system. */
    PART_IO(1, ErrorType.EXTERNAL),
    /** A projected column that the table does not store. */
    UNKNOWN_COLUMN(2, ErrorType.USER_ERROR);

    private final ErrorCode errorCode;

    PartErrorCode(int offset, ErrorType type) {
        this.errorCode = new ErrorCode(0x0100_0100 + offset, name(), type);
    }

    @Override
    public ErrorCode toErrorCode() {
        return errorCode;
    }
}
