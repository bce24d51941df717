package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The whole process configuration, bound once at startup and passed down through constructors.
 * Precedence: built-in defaults, then the {@code --config} properties file, then command-line
 * flags. {@code server.*} keys bind {@link ServerConfig}, {@code storage.*} keys the store's
 * {@link StorageConfig}, {@code sql.*} keys {@link SqlApiConfig}, {@code promql.*} keys
 * {@link PromQlApiConfig}, {@code query.*} keys {@link QueryConfig}; any other key fails startup.
 *
 * @param dataDir WAL, parts and manifest live under it (absolute)
 * @param server listeners, threads and request limits
 * @param storage the store: WAL, head, compaction, retention
 * @param ingestLimits per-request validation limits of every ingest protocol
 * @param sql limits of the SQL console API ({@code sql.*} keys)
 * @param promql limits of the PromQL query API ({@code promql.*} keys)
 * @param query how queries run: threads per query ({@code query.*} keys)
 */
public record StrataConfig(Path dataDir, ServerConfig server, StorageConfig storage, IngestLimits ingestLimits,
        SqlApiConfig sql, PromQlApiConfig promql, QueryConfig query) {
    public static final String DATA_DIR = "data-dir";
    private static final String STORAGE_PREFIX = "storage.";

    public StrataConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(server, "server is null");
        requireNonNull(storage, "storage is null");
        requireNonNull(ingestLimits, "ingestLimits is null");
        requireNonNull(sql, "sql is null");
        requireNonNull(promql, "promql is null");
        requireNonNull(query, "query is null");
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!storage.dataDir().toAbsolutePath().normalize().equals(dataDir)) {
            throw new IllegalArgumentException("storage data dir " + storage.dataDir() + " differs from " + dataDir);
        }
    }

    /** With the default {@code query.*} settings (one thread per processor). */
    public StrataConfig(Path dataDir, ServerConfig server, StorageConfig storage, IngestLimits ingestLimits, SqlApiConfig sql,
            PromQlApiConfig promql) {
        this(dataDir, server, storage, ingestLimits, sql, promql, QueryConfig.defaults());
    }

    /** Binds {@code values} over the defaults, with the system clock for the store's jobs. */
    public static StrataConfig from(Map<String, String> values) {
        return from(values, Clock.systemUTC());
    }

    /** Binds {@code values} over the defaults; fails on unknown keys and invalid values. */
    public static StrataConfig from(Map<String, String> values, Clock clock) {
        ConfigProperties properties = new ConfigProperties(values);
        Path dataDir = Path.of(properties.string(DATA_DIR, "./data")).toAbsolutePath().normalize();
        ServerConfig server = ServerConfig.from(properties);
        SqlApiConfig sql = SqlApiConfig.from(properties);
        PromQlApiConfig promql = PromQlApiConfig.from(properties);
        QueryConfig query = QueryConfig.from(properties);
        properties.requireAllConsumed(Set.of(STORAGE_PREFIX));
        StorageConfig storage;
        try {
            storage = StorageConfig.fromProperties(dataDir, properties.withPrefix(STORAGE_PREFIX), clock);
        } catch (IllegalArgumentException | DateTimeException e) {
            // NumberFormatException is an IllegalArgumentException; DateTimeParseException a DateTimeException
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid storage configuration: " + e.getMessage() + " (see docs/configuration.md)", e);
        }
        return new StrataConfig(dataDir, server, storage, IngestLimits.DEFAULT, sql, promql, query);
    }

    /** Loads a properties file, then lays {@code overrides} (command-line flags) over it. */
    public static StrataConfig load(Path configFile, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        if (configFile != null) {
            values.putAll(readProperties(configFile));
        }
        values.putAll(overrides);
        return from(values);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return values;
    }
}
