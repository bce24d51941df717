package dev.strata.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestCommandLine {
    @Test
    void flagsBecomeConfigurationOverrides() {
        CommandLine commandLine = CommandLine.parse("serve", "--data-dir", "/tmp/x", "--http-port=0,9090",
                "--otlp-grpc-port", "0", "--config", "strata.properties");
        assertThat(commandLine).isEqualTo(new CommandLine("serve", Optional.of(Path.of("strata.properties")), Map.of(
                "data-dir", "/tmp/x", "server.http-ports", "0,9090", "server.otlp-grpc-port", "0")));
    }

    @Test
    void defaultsWithoutFlags() {
        CommandLine commandLine = CommandLine.parse("serve");
        assertThat(commandLine.config().server().httpPorts()).containsExactly(3100, 3200, 9090, 4318);
        assertThat(commandLine.config().dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void mistakesAreReported() {
        assertThatThrownBy(CommandLine::parse).hasMessage("no command given");
        assertThatThrownBy(() -> CommandLine.parse("start")).hasMessage("unknown command: start");
        assertThatThrownBy(() -> CommandLine.parse("serve", "--port", "1")).hasMessage("unknown option: --port");
        assertThatThrownBy(() -> CommandLine.parse("serve", "--data-dir")).hasMessage("--data-dir needs a value");
        assertThat(CommandLine.parse("serve", "--help").command()).isEqualTo("help");
    }

    @Test
    void invalidFlagValuesFailWhenBound() {
        assertThatThrownBy(() -> CommandLine.parse("serve", "--http-port", "x").config())
                .hasMessageContaining("server.http-ports=x: expected an integer");
    }
}
