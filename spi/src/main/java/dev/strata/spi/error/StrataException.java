package dev.strata.spi.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** The one exception type Strata throws for a categorised failure. */
public class StrataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;
    private final transient SourceLocation location;

    public StrataException(ErrorCodeSupplier errorCode, String message) {
        this(errorCode, null, message, null);
    }

    public StrataException(ErrorCodeSupplier errorCode, String message, Throwable cause) {
        this(errorCode, null, message, cause);
    }

    public StrataException(ErrorCodeSupplier errorCode, SourceLocation location, String message) {
        this(errorCode, location, message, null);
    }

    public StrataException(ErrorCodeSupplier errorCode, SourceLocation location, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null").toErrorCode();
        this.location = location;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public ErrorType errorType() {
        return errorCode.type();
    }

    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return location == null ? message : "line " + location + ": " + message;
    }

    /** The message without the location prefix. */
    public String rawMessage() {
        return super.getMessage();
    }
}
