package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.head.Head;
import dev.strata.storage.head.TenantRegistry;
import dev.strata.storage.manifest.LivePart;
import java.util.List;
import java.util.Set;

/**
 * What the store held at one instant: the head generations not yet committed as parts (oldest
 * first, the active one last) and the live parts of one tenant and table, each already acquired
 * once for the snapshot.
 */
public record ScanSnapshot(List<Head> heads, List<LivePart> parts) {
    public ScanSnapshot {
        heads = List.copyOf(requireNonNull(heads, "heads is null"));
        parts = List.copyOf(requireNonNull(parts, "parts is null"));
    }

    /** The state the planner reads; implemented by the store. Thread-safe. */
    public interface Source {
        /** Atomically captures the heads and acquires the live parts of {@code tenant}'s {@code table}. */
        ScanSnapshot acquire(String tenant, String table);

        /** The tenant's registry, or null when the tenant is unknown. */
        TenantRegistry registry(String tenant);

        java.util.Set<String> tenants();
    }
}
