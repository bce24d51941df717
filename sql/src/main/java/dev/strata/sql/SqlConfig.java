package dev.strata.sql;

/**
 * Settings of the SQL service.
 *
 * @param planCacheSize most (tenant, query text) plans kept; 0 disables the cache
 */
public record SqlConfig(int planCacheSize) {
    public static final SqlConfig DEFAULT = new SqlConfig(1024);

    public SqlConfig {
        if (planCacheSize < 0) {
            throw new IllegalArgumentException("planCacheSize must not be negative: " + planCacheSize);
        }
    }
}
