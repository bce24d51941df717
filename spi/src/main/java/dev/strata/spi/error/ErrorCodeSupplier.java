package dev.strata.spi.error;

/** Implemented by each module's error enum. */
public interface ErrorCodeSupplier {
    ErrorCode toErrorCode();
}
