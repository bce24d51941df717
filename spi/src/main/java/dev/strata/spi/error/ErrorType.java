package dev.strata.spi.error;

/** Category of a failure; the HTTP layer maps it to a status code and an API error type. */
public enum ErrorType {
    /** The request is wrong (syntax, bad parameter, invalid payload). */
    USER_ERROR,
    /** A bug or an unexpected state inside Strata. */
    INTERNAL_ERROR,
    /** A configured limit was hit (memory, samples, body size, time). */
    INSUFFICIENT_RESOURCES,
    /** Something outside Strata failed (disk full, I/O). */
    EXTERNAL
}
