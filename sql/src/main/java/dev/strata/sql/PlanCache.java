package dev.strata.sql;

import dev.strata.engine.planner.PhysicalPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Least-recently-used cache of physical plans per (tenant, query text), so a dashboard's repeated
 * query skips parsing, planning and code generation. Plans are immutable and shared. Thread-safe.
 */
final class PlanCache {
    private record Key(String tenant, String sql) {}

    private final int capacity;
    private final Map<Key, PhysicalPlan> plans;

    PlanCache(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PhysicalPlan> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    /** The cached plan, or the one {@code planner} builds (outside the lock), then cached. */
    PhysicalPlan get(String tenant, String sql, Supplier<PhysicalPlan> planner) {
        if (capacity == 0) {
            return planner.get();
        }
        Key key = new Key(tenant, sql);
        synchronized (plans) {
            PhysicalPlan plan = plans.get(key);
            if (plan != null) {
                return plan;
            }
        }
        PhysicalPlan plan = planner.get();
        synchronized (plans) {
            plans.put(key, plan);
        }
        return plan;
    }

    int size() {
        synchronized (plans) {
            return plans.size();
        }
    }
}
