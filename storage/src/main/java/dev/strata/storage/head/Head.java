package dev.strata.storage.head;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One head generation: every tenant's rows written since the previous seal. The store appends to
 * the active generation, freezes it at a seal's cut and reads it (for scans and the seal) until
 * its parts are committed. Thread-safe.
 */
public final class Head {
    private final long createdMillis;
    private final ConcurrentHashMap<String, TenantHead> tenants = new ConcurrentHashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public Head(long createdMillis) {
        this.createdMillis = createdMillis;
    }

    public long createdMillis() {
        return createdMillis;
    }

    public TenantHead tenant(String tenant) {
        return tenants.computeIfAbsent(tenant, TenantHead::new);
    }

    /** The tenant's head, or null when it wrote nothing here. */
    public TenantHead existingTenant(String tenant) {
        return tenants.get(tenant);
    }

    public List<TenantHead> tenants() {
        return List.copyOf(tenants.values());
    }

    public void added(long rowCount, long byteCount) {
        rows.addAndGet(rowCount);
        bytes.addAndGet(byteCount);
    }

    public long rows() {
        return rows.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public boolean isEmpty() {
        return rows.get() == 0 && tenants.values().stream().allMatch(t -> t.newSeries().length == 0);
    }
}
