package dev.strata.storage.write;

/**
 * What a write kept. {@code rejectedRows} counts rows refused individually (too old for
 * retention, for instance) while the rest of the batch was kept; {@code firstRejection} says why
 * the first was refused, or is null.
 */
public record WriteResult(long acceptedRows, long rejectedRows, String firstRejection) {
    public static WriteResult accepted(long rows) {
        return new WriteResult(rows, 0, null);
    }
}
