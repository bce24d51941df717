package dev.strata.storage.wal;

/** The first byte of every record body; the numbers are part of the on-disk format. */
public enum WalRecordType {
    /** New series of one tenant: id and labels, written before the first samples that use them. */
    SERIES(1),
    /** Samples of one tenant, by series id. */
    SAMPLES(2),
    /** Metric family metadata (type, help, unit) of one tenant. */
    METADATA(3),
    /** Log streams of one tenant, labels inline. */
    LOGS(4),
    /** Spans of one tenant. */
    SPANS(5);

    private final byte code;

    WalRecordType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** The type of a code, or null when the code is unknown (a corrupt record). */
    public static WalRecordType fromCode(byte code) {
        return switch (code) {
            case 1 -> SERIES;
            case 2 -> SAMPLES;
            case 3 -> METADATA;
            case 4 -> LOGS;
            case 5 -> SPANS;
            default -> null;
        };
    }
}
