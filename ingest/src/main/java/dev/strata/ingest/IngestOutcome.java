package dev.strata.ingest;

/**
 * What an ingest call kept: {@code acceptedRows} samples, log lines or spans were written
 * durably; {@code rejectedRows} valid-looking rows were dropped individually (the protocol keeps
 * the rest of the batch), {@code firstRejection} says why, or is null.
 */
public record IngestOutcome(long acceptedRows, long rejectedRows, String firstRejection) {
    public boolean isPartial() {
        return rejectedRows > 0;
    }
}
