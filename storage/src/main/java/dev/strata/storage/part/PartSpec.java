package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

/** Identity of a part about to be written. */
public record PartSpec(String id, String table, String tenant, String relativePath, int level) {
    public PartSpec {
        requireNonNull(id, "id is null");
        requireNonNull(table, "table is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(relativePath, "relativePath is null");
    }
}
