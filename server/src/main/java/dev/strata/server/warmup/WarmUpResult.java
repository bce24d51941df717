package dev.strata.server.warmup;

/**
 * What one warm-up did.
 *
 * @param requests requests answered through the handlers
 * @param failures requests not answered with 200 (a warm-up query the API rejects is a bug)
 * @param skipped why nothing ran, or "" when it ran
 * @param setupMillis opening, writing and flushing the throw-away store, before the requests
 */
public record WarmUpResult(int requests, int failures, String skipped, long setupMillis) {
    public static WarmUpResult skipped(String reason) {
        return new WarmUpResult(0, 0, reason, 0);
    }
}
