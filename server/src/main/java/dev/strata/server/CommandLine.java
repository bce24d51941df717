package dev.strata.server;

import static java.util.Objects.requireNonNull;

import dev.strata.server.config.ServerConfig;
import dev.strata.server.config.StrataConfig;
import dev.strata.spi.error.StrataException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line: {@code serve [--data-dir DIR] [--http-port N[,N...]] [--otlp-grpc-port N]
 * [--config FILE]}. Flags become configuration overrides, which win over the file.
 *
 * @param command the subcommand ({@code serve} or {@code help})
 * @param configFile the {@code --config} file, if given
 * @param overrides configuration keys set by flags
 */
public record CommandLine(String command, Optional<Path> configFile, Map<String, String> overrides) {
    public static final String USAGE = """
            usage: strata serve [--data-dir DIR] [--http-port N[,N...]] [--otlp-grpc-port N] [--config FILE]
              --data-dir DIR         WAL, parts and manifest (default ./data)
              --http-port N[,N...]   HTTP ports; each serves every API (default 3100,3200,9090,4318)
              --otlp-grpc-port N     OTLP/gRPC port (default 4317)
              --config FILE          properties file with keys of docs/configuration.md; flags win
            """;

    private static final Map<String, String> FLAG_KEYS = Map.of(
            "--data-dir", StrataConfig.DATA_DIR,
            "--http-port", ServerConfig.HTTP_PORTS,
            "--otlp-grpc-port", ServerConfig.OTLP_GRPC_PORT);

    public CommandLine {
        requireNonNull(command, "command is null");
        requireNonNull(configFile, "configFile is null");
        overrides = Map.copyOf(requireNonNull(overrides, "overrides is null"));
    }

    /** Parses {@code args}; accepts {@code --flag value} and {@code --flag=value}. */
    public static CommandLine parse(String... args) {
        if (args.length == 0) {
            throw invalid("no command given");
        }
        String command = args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            return new CommandLine("help", Optional.empty(), Map.of());
        }
        if (!command.equals("serve")) {
            throw invalid("unknown command: " + command);
        }
        Map<String, String> overrides = new HashMap<>();
        Path configFile = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new CommandLine("help", Optional.empty(), Map.of());
            }
            String flag = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                flag = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw invalid(flag.startsWith("--") ? flag + " needs a value" : "unexpected argument: " + flag);
            }
            if (flag.equals("--config")) {
                configFile = Path.of(value);
            } else if (FLAG_KEYS.containsKey(flag)) {
                overrides.put(FLAG_KEYS.get(flag), value);
            } else {
                throw invalid("unknown option: " + flag);
            }
        }
        return new CommandLine(command, Optional.ofNullable(configFile), overrides);
    }

    /** Binds the configuration: defaults, then the file, then the flags. */
    public StrataConfig config() {
        return StrataConfig.load(configFile.orElse(null), overrides);
    }

    private static StrataException invalid(String message) {
        return new StrataException(ServerErrorCode.INVALID_COMMAND_LINE, message);
    }
}
