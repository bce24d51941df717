package dev.strata.sql.format;

import java.util.Locale;
import java.util.Optional;

/** The formats the SQL API serves, with their media types. */
public enum ResultFormat {
    JSON("application/json"),
    CSV("text/csv; charset=utf-8"),
    ARROW("application/vnd.apache.arrow.stream"),
    /** The IANA-registered Parquet media type; {@code application/x-parquet} is accepted as an alias. */
    PARQUET("application/vnd.apache.parquet");

    private static final String PARQUET_ALIAS = "application/x-parquet";

    private final String mediaType;

    ResultFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named by a {@code format=} parameter ({@code json}, {@code csv}, {@code arrow}, {@code parquet}). */
    public static Optional<ResultFormat> fromName(String name) {
        for (ResultFormat format : values()) {
            if (format.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The first format an {@code Accept} header asks for, if any. */
    public static Optional<ResultFormat> fromAccept(String accept) {
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(PARQUET_ALIAS)) {
                return Optional.of(PARQUET);
            }
            for (ResultFormat format : values()) {
                if (format.mediaType.startsWith(type) && !type.isEmpty() && !type.equals("*/*")) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** A writer of this format. */
    public ResultWriter writer() {
        return switch (this) {
            case JSON -> new JsonResultWriter();
            case CSV -> new CsvResultWriter();
            case ARROW -> new ArrowStreamResultWriter();
            case PARQUET -> new ParquetResultWriter();
        };
    }
}
