package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The whole process configuration, bound once at startup and passed down through constructors.
 * Precedence: built-in defaults, then the {@code --config} properties file, then command-line
 * flags.
 *
 * <p>{@code storage.*} and {@code ingest.*} keys belong to {@code StorageConfig} and
 * {@code IngestLimits}; until those are bound here they are kept verbatim in
 * {@link #deferredProperties} instead of failing as unknown keys.
 *
 * @param dataDir WAL, parts and manifest live under it (absolute)
 * @param server listeners, threads and request limits
 * @param deferredProperties {@code storage.*} and {@code ingest.*} keys as given
 */
public record StrataConfig(Path dataDir, ServerConfig server, Map<String, String> deferredProperties) {
    public static final String DATA_DIR = "data-dir";
    public static final Set<String> DEFERRED_PREFIXES = Set.of("storage.", "ingest.");

    public StrataConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(server, "server is null");
        deferredProperties = Map.copyOf(requireNonNull(deferredProperties, "deferredProperties is null"));
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** Binds {@code values} over the defaults; fails on unknown keys and invalid values. */
    public static StrataConfig from(Map<String, String> values) {
        ConfigProperties properties = new ConfigProperties(values);
        Path dataDir = Path.of(properties.string(DATA_DIR, "./data"));
        ServerConfig server = ServerConfig.from(properties);
        properties.requireAllConsumed(DEFERRED_PREFIXES);
        Map<String, String> deferred = new HashMap<>();
        for (String prefix : DEFERRED_PREFIXES) {
            deferred.putAll(properties.withPrefix(prefix));
        }
        return new StrataConfig(dataDir, server, deferred);
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
