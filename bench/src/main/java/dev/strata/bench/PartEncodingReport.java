package dev.strata.bench;

import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.part.PartWriterConfig.LineEncoding;
import dev.strata.storage.part.PartWriterConfig.ValueEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Measures stored bytes per encoding choice (docs/decisions/0003-part-encodings.md): writes the
 * peer-bench samples (all, counters only, gauges only) with each value encoding and the synthetic
 * logs with each line encoding and ZSTD level, and prints markdown rows with the per-column sizes
 * DuckDB reads from the footers. Usage: {@code PartEncodingReport [instancesPerJob] [logLines] [tuning|values|writecpu]}.
 */
public final class PartEncodingReport {
    private PartEncodingReport() {}

    public static void main(String[] args) throws Exception {
        int instancesPerJob = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int logLines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("strata-encodings");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = duck.createStatement()) {
                st.execute("SET threads = 1");
                st.execute("SET memory_limit = '256MB'");
                st.execute("SET autoinstall_known_extensions = false");
            }
            if (args.length > 2 && args[2].equals("writecpu")) {
                // write CPU per write path only (decision 0015)
                writeCpu(dir, new PeerBenchSamples(instancesPerJob, 720, 42));
                logWriteCpu(dir, logLines);
                return;
            }
            boolean tuningOnly = args.length > 2 && args[2].equals("tuning");
            // "values": only the two value encodings worth comparing now, no logs (decision 0015)
            boolean valuesOnly = args.length > 2 && args[2].equals("values");
            ValueEncoding[] encodings = valuesOnly ? new ValueEncoding[] {ValueEncoding.BYTE_STREAM_SPLIT, ValueEncoding.DECIMAL_SPLIT}
                    : ValueEncoding.values();
            if (valuesOnly) {
                writeCpu(dir, new PeerBenchSamples(instancesPerJob, 720, 42));
                logWriteCpu(dir, logLines);
            }
            System.out.println("| data | value encoding | bytes/sample | series_id | metric | ts | value | value_int | value_div |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (String subset : tuningOnly ? new String[0] : new String[] {"all", "counters", "gauges"}) {
                Set<String> kinds = switch (subset) {
                    case "counters" -> PeerBenchSamples.COUNTERS;
                    case "gauges" -> PeerBenchSamples.GAUGES;
                    default -> null;
                };
                PeerBenchSamples samples = new PeerBenchSamples(instancesPerJob, 720, 42, kinds);
                for (ValueEncoding encoding : encodings) {
                    Path file = dir.resolve("samples-" + subset + "-" + encoding + ".parquet");
                    PartMeta meta;
                    try (BufferAllocator allocator = new RootAllocator()) {
                        VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
                        Iterator<VectorSchemaRoot> batches = samples.batches(allocator, 1 << 16, holder);
                        meta = new ParquetPartWriter(PartWriterConfig.DEFAULT.withValueEncoding(encoding))
                                .write(new PartSpec("s", "samples", "t", file.toString(), 0), batches, file);
                        holder[0].close();
                    }
                    double rows = meta.rowCount();
                    System.out.printf("| peer-bench %s (%d series x 720) | %s | **%.3f** | %s |%n", subset, samples.seriesCount(),
                            encoding, meta.sizeBytes() / rows, columnBytes(duck, file, rows, "series_id", "metric", "ts", "value", "value_int", "value_div"));
                }
            }
            System.out.println();
            System.out.println("| value encoding | zstd level | page bytes / rows | bytes/sample | value | value_int | value_div |");
            System.out.println("|---|---|---|---|---|---|---|");
            PeerBenchSamples all = new PeerBenchSamples(instancesPerJob, 720, 42);
            int[][] variants = {{3, 1 << 20, 1 << 16}, {3, 8 << 20, 1 << 20}, {9, 1 << 20, 1 << 16}, {9, 8 << 20, 1 << 20},
                    {19, 8 << 20, 1 << 20}};
            for (ValueEncoding encoding : valuesOnly ? new ValueEncoding[] {ValueEncoding.DECIMAL_SPLIT}
                    : new ValueEncoding[] {ValueEncoding.BYTE_STREAM_SPLIT, ValueEncoding.DECIMAL_SPLIT})
            for (int[] v : variants) {
                Path file = dir.resolve("samples-tuned-" + encoding + v[0] + "-" + v[2] + ".parquet");
                PartMeta meta;
                try (BufferAllocator allocator = new RootAllocator()) {
                    VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
                    Iterator<VectorSchemaRoot> batches = all.batches(allocator, 1 << 16, holder);
                    meta = new ParquetPartWriter(PartWriterConfig.DEFAULT.withValueEncoding(encoding)
                            .withZstdLevel(v[0]).withPages(v[1], v[2]))
                            .write(new PartSpec("s", "samples", "t", file.toString(), 0), batches, file);
                    holder[0].close();
                }
                double rows = meta.rowCount();
                System.out.printf("| %s | %d | %d / %d | **%.3f** | %s |%n", encoding, v[0], v[1], v[2],
                        meta.sizeBytes() / rows, columnBytes(duck, file, rows, "value", "value_int", "value_div"));
            }
            System.out.println();
            System.out.println("| line encoding | zstd | lines | raw MB | stored MB | stored/raw | B/line | ts | line | other columns |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (LineEncoding encoding : valuesOnly ? new LineEncoding[0] : LineEncoding.values()) {
                for (int level : tuningOnly ? new int[] {3, 9, 19} : new int[] {3, 9}) {
                    SyntheticLogs logs = new SyntheticLogs(100, logLines / 100, 7);
                    Path file = dir.resolve("logs-" + encoding + "-" + level + ".parquet");
                    PartMeta meta;
                    try (BufferAllocator allocator = new RootAllocator()) {
                        VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
                        Iterator<VectorSchemaRoot> batches = logs.batches(allocator, 1 << 14, holder);
                        meta = new ParquetPartWriter(PartWriterConfig.DEFAULT.withLineEncoding(encoding).withZstdLevel(level))
                                .write(new PartSpec("l", "logs", "t", file.toString(), 0), batches, file);
                        holder[0].close();
                    }
                    long stored = meta.sizeBytes() + Files.size(dev.strata.storage.part.PartIndex.sidecarOf(file));
                    double rows = meta.rowCount();
                    long ts = bytes(duck, file, "ts");
                    long line = bytes(duck, file, "line");
                    System.out.printf("| %s | %d | %d | %.1f | %.2f | 1/%.1f | %.1f | %.2f | %.1f | %.2f |%n", encoding, level,
                            meta.rowCount(), logs.rawBytes() / 1e6, stored / 1e6, (double) logs.rawBytes() / stored, stored / rows,
                            ts / rows, line / rows, (stored - ts - line) / rows);
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * Thread CPU seconds to write the samples as one part per write path and value encoding (the
     * writer, ZSTD included, runs on this thread), each twice so the second run is JIT-warm;
     * "generate only" is the cost of producing the batches, included in every other row.
     */
    private static void writeCpu(Path dir, PeerBenchSamples samples) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("| write path | value encoding | CPU s, run 1 | CPU s, run 2 | bytes/sample |");
        System.out.println("|---|---|---|---|---|");
        Object[][] variants = {{null, null}, {PartWriterConfig.WritePath.RECORD, ValueEncoding.BYTE_STREAM_SPLIT},
                {PartWriterConfig.WritePath.RECORD, ValueEncoding.DECIMAL_SPLIT}, {PartWriterConfig.WritePath.COLUMNAR, ValueEncoding.BYTE_STREAM_SPLIT},
                {PartWriterConfig.WritePath.COLUMNAR, ValueEncoding.DECIMAL_SPLIT}};
        for (Object[] v : variants) {
            double[] cpu = new double[2];
            double bytes = 0;
            for (int run = 0; run < 2; run++) {
                Path file = dir.resolve("cpu-" + v[0] + "-" + v[1] + ".parquet");
                try (BufferAllocator allocator = new RootAllocator()) {
                    VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
                    long start = threads.getCurrentThreadCpuTime();
                    Iterator<VectorSchemaRoot> batches = samples.batches(allocator, 1 << 16, holder);
                    if (v[0] == null) {
                        while (batches.hasNext()) {
                            batches.next();
                        }
                    } else {
                        PartMeta meta = new ParquetPartWriter(PartWriterConfig.DEFAULT.withWritePath((PartWriterConfig.WritePath) v[0])
                                .withValueEncoding((ValueEncoding) v[1])).write(new PartSpec("s", "samples", "t", file.toString(), 0), batches, file);
                        bytes = meta.sizeBytes() / (double) meta.rowCount();
                    }
                    cpu[run] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                    if (holder[0] != null) {
                        holder[0].close();
                    }
                }
                Files.deleteIfExists(file);
                Files.deleteIfExists(dev.strata.storage.part.PartIndex.sidecarOf(file));
            }
            System.out.printf("| %s | %s | %.2f | %.2f | %s |%n", v[0] == null ? "generate only" : v[0], v[1] == null ? "" : v[1],
                    cpu[0], cpu[1], v[0] == null ? "" : String.format("%.3f", bytes));
        }
        System.out.println();
    }

    /** Thread CPU seconds to write {@code lines} synthetic log lines as one part per write path (second run JIT-warm). */
    private static void logWriteCpu(Path dir, int lines) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("| logs write path | lines | CPU s, run 1 | CPU s, run 2 | B/line |");
        System.out.println("|---|---|---|---|---|");
        for (PartWriterConfig.WritePath path : new PartWriterConfig.WritePath[] {null, PartWriterConfig.WritePath.RECORD,
                PartWriterConfig.WritePath.COLUMNAR}) {
            double[] cpu = new double[2];
            double bytes = 0;
            for (int run = 0; run < 2; run++) {
                SyntheticLogs logs = new SyntheticLogs(100, lines / 100, 7);
                Path file = dir.resolve("cpu-logs-" + path + ".parquet");
                try (BufferAllocator allocator = new RootAllocator()) {
                    VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
                    long start = threads.getCurrentThreadCpuTime();
                    Iterator<VectorSchemaRoot> batches = logs.batches(allocator, 1 << 14, holder);
                    if (path == null) {
                        while (batches.hasNext()) {
                            batches.next();
                        }
                    } else {
                        PartMeta meta = new ParquetPartWriter(PartWriterConfig.DEFAULT.withWritePath(path))
                                .write(new PartSpec("l", "logs", "t", file.toString(), 0), batches, file);
                        bytes = meta.sizeBytes() / (double) meta.rowCount();
                    }
                    cpu[run] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                    if (holder[0] != null) {
                        holder[0].close();
                    }
                }
                Files.deleteIfExists(file);
                Files.deleteIfExists(dev.strata.storage.part.PartIndex.sidecarOf(file));
            }
            System.out.printf("| %s | %d | %.2f | %.2f | %s |%n", path == null ? "generate only" : path, lines, cpu[0], cpu[1],
                    path == null ? "" : String.format("%.1f", bytes));
        }
        System.out.println();
    }

    private static String columnBytes(Connection duck, Path file, double rows, String... columns) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String column : columns) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(String.format("%.3f", bytes(duck, file, column) / rows));
        }
        return b.toString();
    }

    /** Compressed bytes of a top-level column (all its leaf chunks) as the footer records them. */
    private static long bytes(Connection duck, Path file, String column) throws Exception {
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(total_compressed_size) FROM parquet_metadata('" + file
                        + "') WHERE path_in_schema = '" + column + "' OR path_in_schema LIKE '" + column + ",%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
