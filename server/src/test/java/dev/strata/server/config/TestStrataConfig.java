package dev.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestStrataConfig {
    @TempDir
    Path directory;

    @Test
    void defaults() {
        StrataConfig config = StrataConfig.from(Map.of());
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.storage()).isEqualTo(StorageConfig.builder(config.dataDir()).build());
        assertThat(config.ingestLimits()).isEqualTo(IngestLimits.DEFAULT);
        assertThat(StrataConfig.DATA_DIR).isEqualTo("data-dir");
        assertThat(config.sql()).isEqualTo(new SqlApiConfig(Duration.ofSeconds(60), 1_000_000, 512L << 20, 1024));
        assertThat(config.promql()).isEqualTo(new PromQlApiConfig(Duration.ofMinutes(2), 50_000_000, Duration.ofMinutes(5)));
        assertThat(config.query()).isEqualTo(new QueryConfig(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void queryKeys() {
        assertThat(StrataConfig.from(Map.of("query.threads", "3")).query()).isEqualTo(new QueryConfig(3));
        assertThatThrownBy(() -> StrataConfig.from(Map.of("query.threads", "0")))
                .hasMessageContaining("query.threads");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("query.bogus", "1")))
                .hasMessageContaining("query.bogus");
    }

    @Test
    void promqlKeys() {
        StrataConfig config = StrataConfig.from(Map.of("promql.timeout", "10s", "promql.max-samples", "1000",
                "promql.lookback-delta", "1m"));
        assertThat(config.promql()).isEqualTo(new PromQlApiConfig(Duration.ofSeconds(10), 1000, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> StrataConfig.from(Map.of("promql.max-samples", "0")))
                .hasMessageContaining("promql.max-samples");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("promql.timeout", "0s")))
                .hasMessageContaining("promql.timeout");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("promql.bogus", "1")))
                .hasMessageContaining("promql.bogus");
        assertThat(config.promql().warmUp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(StrataConfig.from(Map.of("promql.warm-up", "0s")).promql().warmUp()).isZero();
        assertThat(StrataConfig.from(Map.of("promql.warm-up", "500ms")).promql().warmUp()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> StrataConfig.from(Map.of("promql.warm-up", "-1s")))
                .hasMessageContaining("promql.warm-up");
        assertThat(config.promql().parserOptions()).isEqualTo(ParserOptions.DEFAULT);
        PromQlApiConfig experimental = StrataConfig.from(Map.of("promql.experimental-functions", "true")).promql();
        assertThat(experimental.experimentalFunctions()).isTrue();
        assertThat(experimental.parserOptions()).isEqualTo(new ParserOptions(true, false, false, false));
        assertThatThrownBy(() -> StrataConfig.from(Map.of("promql.experimental-functions", "yes")))
                .hasMessageContaining("promql.experimental-functions");
    }

    @Test
    void sqlKeys() {
        StrataConfig config = StrataConfig.from(Map.of("sql.timeout", "5s", "sql.max-rows", "1000",
                "sql.max-memory-bytes", "64MiB", "sql.plan-cache-size", "0"));
        assertThat(config.sql()).isEqualTo(new SqlApiConfig(Duration.ofSeconds(5), 1000, 64L << 20, 0));
        assertThat(config.sql().limits().maxRows()).isEqualTo(1000);
        assertThatThrownBy(() -> StrataConfig.from(Map.of("sql.max-rows", "0")))
                .hasMessageContaining("sql.max-rows");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("sql.bogus", "1")))
                .hasMessageContaining("sql.bogus");
    }

    @Test
    void flagsWinOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = directory.resolve("strata.properties");
        Files.writeString(file, """
                # a comment
                data-dir = /var/lib/strata
                server.http-ports = 8080
                server.default-tenant = from-file
                storage.wal.fsync = always
                storage.head.max-age = PT30M
                """);
        StrataConfig config = StrataConfig.load(file, Map.of("server.http-ports", "9000,9001"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/strata"));
        assertThat(config.server().httpPorts()).isEqualTo(List.of(9000, 9001));
        assertThat(config.server().defaultTenant()).isEqualTo("from-file");
        assertThat(config.server().otlpGrpcPort()).isEqualTo(4317);
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("/var/lib/strata"));
        assertThat(config.storage().headMaxAge()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void relativeDataDirResolvesAgainstTheWorkingDirectory() {
        assertThat(StrataConfig.from(Map.of("data-dir", "x/../y")).dataDir())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("y"));
    }

    @Test
    void unknownKeysFail() {
        assertThatThrownBy(() -> StrataConfig.from(Map.of("server.http-port", "1")))
                .hasMessage("unknown configuration keys: [server.http-port] (see docs/configuration.md)");
    }

    @Test
    void invalidStorageValuesFailAsConfigurationErrors() {
        assertThatThrownBy(() -> StrataConfig.from(Map.of("storage.head.max-rows", "lots")))
                .isInstanceOf(StrataException.class)
                .hasMessageStartingWith("invalid storage configuration:");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("storage.nonsense", "1")))
                .hasMessageContaining("unknown storage property: storage.nonsense");
        assertThatThrownBy(() -> StrataConfig.from(Map.of("ingest.max-line-bytes", "1")))
                .hasMessageStartingWith("unknown configuration keys: [ingest.max-line-bytes]");
    }

    @Test
    void unreadableFileFails() {
        assertThatThrownBy(() -> StrataConfig.load(directory.resolve("missing.properties"), Map.of()))
                .hasMessageStartingWith("cannot read configuration file");
    }
}
