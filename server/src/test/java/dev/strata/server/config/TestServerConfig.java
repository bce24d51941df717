package dev.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TestServerConfig {
    @Test
    void defaults() {
        assertThat(ServerConfig.defaults()).isEqualTo(new ServerConfig(
                List.of(3100, 3200, 9090, 4318), 4317, "0.0.0.0", 2, 16, 1024, 64L << 20, 64 << 20,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), "fake", Duration.ofSeconds(6)));
    }

    @Test
    void everyKeyIsBound() {
        Map<String, String> properties = Map.ofEntries(
                Map.entry("server.http-ports", "8080, 8081"),
                Map.entry("server.otlp-grpc-port", "14317"),
                Map.entry("server.bind-address", "127.0.0.1"),
                Map.entry("server.io-threads", "4"),
                Map.entry("server.worker-threads", "32"),
                Map.entry("server.worker-queue-size", "10"),
                Map.entry("server.max-body-bytes", "8MiB"),
                Map.entry("server.grpc-max-message-bytes", "1048576"),
                Map.entry("server.request-timeout", "500ms"),
                Map.entry("server.idle-timeout", "1h"),
                Map.entry("server.shutdown-grace-period", "2m"),
                Map.entry("server.default-tenant", "anonymous"),
                Map.entry("server.write-warm-up", "0s"));
        ConfigProperties config = new ConfigProperties(properties);
        assertThat(ServerConfig.from(config)).isEqualTo(new ServerConfig(
                List.of(8080, 8081), 14317, "127.0.0.1", 4, 32, 10, 8L << 20, 1 << 20,
                Duration.ofMillis(500), Duration.ofHours(1), Duration.ofMinutes(2), "anonymous", Duration.ZERO));
        config.requireAllConsumed(java.util.Set.of()); // every key above is a server key
    }

    @Test
    void invalidValuesFailFastNamingTheKey() {
        assertInvalid("server.http-ports", "70000", "server.http-ports=70000: must be between 0 and 65535");
        assertInvalid("server.http-ports", "80,80", "port 80 is listed twice");
        assertInvalid("server.http-ports", "80,", "server.http-ports=80,: expected an integer");
        assertInvalid("server.otlp-grpc-port", "abc", "server.otlp-grpc-port=abc: expected an integer");
        assertInvalid("server.worker-threads", "0", "must be between 1 and 4096");
        assertInvalid("server.max-body-bytes", "64MB", "expected a byte size");
        assertInvalid("server.request-timeout", "30", "expected a duration");
        assertInvalid("server.request-timeout", "0s", "must be positive");
        assertInvalid("server.idle-timeout", "500ms", "must be at least 1s");
        assertInvalid("server.default-tenant", " ", "must not be empty");
        assertInvalid("server.write-warm-up", "6", "expected a duration");
    }

    @Test
    void grpcPortMustDifferFromHttpPorts() {
        assertThatThrownBy(() -> ServerConfig.from(new ConfigProperties(
                Map.of("server.http-ports", "4317", "server.otlp-grpc-port", "4317"))))
                .hasMessageContaining("server.otlp-grpc-port=4317: already used by server.http-ports");
        // port 0 (any free port) may repeat
        assertThat(ServerConfig.from(new ConfigProperties(
                Map.of("server.http-ports", "0,0", "server.otlp-grpc-port", "0"))).httpPorts()).containsExactly(0, 0);
    }

    private static void assertInvalid(String key, String value, String message) {
        assertThatThrownBy(() -> ServerConfig.from(new ConfigProperties(Map.of(key, value))))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(ServerErrorCode.INVALID_CONFIGURATION.toErrorCode()))
                .hasMessageContaining(message);
    }
}
