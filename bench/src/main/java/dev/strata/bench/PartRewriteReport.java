package dev.strata.bench;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.part.StoredSchemas;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rewrites one existing {@code logs} part (e.g. one ingest-bench sealed) under several writer
 * settings — ZSTD level, page size, line encoding — and prints per setting the part's bytes per
 * line, the {@code line} column's, the thread CPU to write it (the reading of the source part,
 * measured alone first, subtracted) and the thread CPU to scan its {@code line} column back: size
 * against sealing and scan cost on real data. Each setting runs twice; the second (JIT-warm) run
 * is printed. Usage: {@code PartRewriteReport <part.parquet> [levels, e.g. 1,3,9,19]}.
 */
public final class PartRewriteReport {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PartRewriteReport() {}

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        String[] levels = (args.length > 1 ? args[1] : "1,3,6,9,19").split(",");
        PartMeta sourceMeta = new PartMeta("src", "logs", "t", source.getFileName().toString(), 0, Files.size(source),
                Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 0);
        List<String> columns = StoredSchemas.schema("logs").getFields().stream().map(f -> f.getName()).toList();
        Path dir = Files.createTempDirectory("part-rewrite");
        double readCpu = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            try (BufferAllocator allocator = new RootAllocator(); BatchReader reader = new ParquetPartReader().open(source, sourceMeta,
                    columns, TimeRange.ALL, null, allocator)) {
                long start = THREADS.getCurrentThreadCpuTime();
                while (reader.loadNext()) {
                    // reading only
                }
                readCpu = Math.min(readCpu, (THREADS.getCurrentThreadCpuTime() - start) / 1e9);
            }
        }
        System.out.printf("source %s: %d bytes; reading it back costs %.2f CPU-s (subtracted below)%n", source, Files.size(source), readCpu);
        System.out.println("| setting | B/line | line B/line | write CPU-s | line scan CPU-s |");
        System.out.println("|---|---:|---:|---:|---:|");
        PartWriterConfig base = PartWriterConfig.DEFAULT;
        for (String level : levels) {
            int zstd = Integer.parseInt(level.strip());
            report(dir, source, sourceMeta, columns, readCpu, "zstd " + zstd + ", pages 8 MiB", base.withZstdLevel(zstd));
        }
        report(dir, source, sourceMeta, columns, readCpu, "zstd 3, pages 1 MiB", base.withZstdLevel(3).withPages(1 << 20, base.pageRows()));
        report(dir, source, sourceMeta, columns, readCpu, "zstd 9, pages 1 MiB", base.withZstdLevel(9).withPages(1 << 20, base.pageRows()));
        report(dir, source, sourceMeta, columns, readCpu, "zstd 3, line dictionary",
                base.withZstdLevel(3).withLineEncoding(PartWriterConfig.LineEncoding.DICTIONARY));
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static void report(Path dir, Path source, PartMeta sourceMeta, List<String> columns, double readCpu, String name,
            PartWriterConfig config) throws Exception {
        Path file = dir.resolve("rewrite.parquet");
        double write = Double.MAX_VALUE;
        PartMeta meta = null;
        for (int run = 0; run < 2; run++) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dev.strata.storage.part.PartIndex.sidecarOf(file));
            try (BufferAllocator allocator = new RootAllocator(); BatchReader reader = new ParquetPartReader().open(source, sourceMeta,
                    columns, TimeRange.ALL, null, allocator)) {
                long start = THREADS.getCurrentThreadCpuTime();
                meta = new ParquetPartWriter(config).write(new PartSpec("r", "logs", "t", file.toString(), 0), batches(reader), file);
                write = Math.min(write, (THREADS.getCurrentThreadCpuTime() - start) / 1e9 - readCpu);
            }
        }
        double scan = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            try (BufferAllocator allocator = new RootAllocator(); BatchReader reader = new ParquetPartReader().open(file, meta,
                    List.of("line"), TimeRange.ALL, null, allocator)) {
                long start = THREADS.getCurrentThreadCpuTime();
                while (reader.loadNext()) {
                    // decoding only
                }
                scan = Math.min(scan, (THREADS.getCurrentThreadCpuTime() - start) / 1e9);
            }
        }
        double rows = meta.rowCount();
        System.out.printf("| %s | %.2f | %.2f | %.2f | %.3f |%n", name, meta.sizeBytes() / rows, lineBytes(file) / rows, write, scan);
    }

    private static long lineBytes(Path file) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT sum(total_compressed_size) FROM parquet_metadata('" + file
                        + "') WHERE path_in_schema = 'line'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The reader's batches as the writer's iterator (each root valid until the next call, as the writer consumes them). */
    private static Iterator<VectorSchemaRoot> batches(BatchReader reader) {
        return new Iterator<>() {
            private Boolean ready;

            @Override
            public boolean hasNext() {
                if (ready == null) {
                    ready = reader.loadNext();
                }
                return ready;
            }

            @Override
            public VectorSchemaRoot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = null;
                return reader.root();
            }
        };
    }
}
