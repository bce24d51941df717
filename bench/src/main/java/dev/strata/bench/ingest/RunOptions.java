package dev.strata.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options shared by the ingest runs: {@code --jar} (default
 * {@code server/target/strata.jar}), {@code --work DIR} (fresh data dirs are created under it),
 * {@code --format}, {@code --items N} (lines or spans to send), {@code --connections N} (default 4),
 * {@code --jvm-opt OPT} (repeatable, for the server JVM).
 */
record RunOptions(Path jar, Path work, String format, int items, int connections, List<String> jvmOptions) {
    RunOptions {
        requireNonNull(jar, "jar is null");
        requireNonNull(work, "work is null");
        requireNonNull(format, "format is null");
        jvmOptions = List.copyOf(jvmOptions);
    }

    static RunOptions parse(String[] args, String defaultFormat, int defaultItems) {
        Path jar = Path.of("server/target/strata.jar");
        Path work = Path.of("target/ingest-bench");
        String format = defaultFormat;
        int items = defaultItems;
        int connections = 4;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--jar" -> jar = Path.of(value);
                case "--work" -> work = Path.of(value);
                case "--format" -> format = value;
                case "--items" -> items = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--jvm-opt" -> jvm.add(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        return new RunOptions(jar.toAbsolutePath(), work.toAbsolutePath(), format, items, connections, jvm);
    }
}
