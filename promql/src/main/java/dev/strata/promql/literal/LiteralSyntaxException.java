package dev.strata.promql.literal;

/** A malformed literal; the message is Prometheus's wording for the same mistake. */
public final class LiteralSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public LiteralSyntaxException(String message) {
        super(message);
    }
}
