package dev.strata.promql.plan;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.spi.error.StrataException;

/** Errors for valid queries the evaluator cannot run yet. */
final class Unsupported {
    private Unsupported() {}

    static StrataException of(String what) {
        return new StrataException(PromQlErrorCode.PROMQL_UNSUPPORTED, what + " is not supported yet");
    }
}
