package dev.strata.bench;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One sealed samples part of the peer-bench shape (10k series x 720 samples at 10 s = 7.2 M rows,
 * default encodings), scanned for the columns a PromQL/SQL aggregation needs (series_id, ts,
 * value): count, sum(value) and max(series_id) over the middle hour of the two. Our reader
 * (vectorized decoders, or parquet-java's record path) plus a Java loop over the Arrow buffers,
 * against DuckDB's {@code read_parquet} on the same file with 1 and 2 threads. Results are rows of
 * the part per second ({@code ops/s} with one op per row).
 *
 * <p>Run: {@code java -cp <bench jar + deps> org.openjdk.jmh.Main PartScanBenchmark -f 1 -wi 2 -i 3
 * -jvmArgsAppend --add-opens=java.base/java.nio=ALL-UNNAMED}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PartScanBenchmark {
    private static final int INSTANCES_PER_JOB = 20;
    static final int ROWS = 5 * INSTANCES_PER_JOB * 100 * 720;
    private static final long FROM_MILLIS = PeerBenchSamples.START_MILLIS + 1_800_000;
    private static final long TO_MILLIS = PeerBenchSamples.START_MILLIS + 5_400_000;

    @Param({"1"})
    public int duckDbThreads;

    private Path dir;
    private Path file;
    private PartMeta meta;
    private BufferAllocator allocator;
    private Connection duck;
    private final ParquetPartReader vectorized = new ParquetPartReader(ParquetPartReader.ReadPath.VECTORIZED);
    private final ParquetPartReader recordPath = new ParquetPartReader(ParquetPartReader.ReadPath.RECORD);

    @Setup(Level.Trial)
    public void writePart() throws Exception {
        dir = Files.createTempDirectory("strata-scan-bench");
        String relative = "parts/samples/tenant=bench/day=2026-11-23/01JBENCH.parquet";
        file = dir.resolve(relative);
        PeerBenchSamples samples = new PeerBenchSamples(INSTANCES_PER_JOB, 720, 42);
        try (BufferAllocator writeAllocator = new RootAllocator()) {
            VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
            meta = new ParquetPartWriter(PartWriterConfig.DEFAULT).write(new PartSpec("01JBENCH", "samples", "bench", relative, 0),
                    samples.batches(writeAllocator, 1 << 16, holder), file);
            holder[0].close();
        }
        if (meta.rowCount() != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows, wrote " + meta.rowCount());
        }
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("SET threads = " + duckDbThreads);
            st.execute("SET memory_limit = '512MB'");
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
        }
        // the three paths must agree before their speed means anything
        double ours = scan(vectorized);
        double parquetJava = scan(recordPath);
        double duckDb = duckDbReadParquet();
        if (Math.abs(ours - parquetJava) > 1e-9 * Math.abs(ours) || Math.abs(ours - duckDb) > 1e-9 * Math.abs(ours)) {
            throw new IllegalStateException("scan results differ: vectorized " + ours + ", record path " + parquetJava
                    + ", DuckDB " + duckDb);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        duck.close();
        allocator.close();
        Files.delete(file);
        Files.delete(dev.strata.storage.part.PartIndex.sidecarOf(file));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double vectorized() {
        return scan(vectorized);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double parquetJavaRecordPath() {
        return scan(recordPath);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double duckDbReadParquet() throws Exception {
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), sum(coalesce(value, value_int / value_div)), max(series_id) FROM read_parquet('" + file
                        + "') WHERE ts BETWEEN to_timestamp(" + FROM_MILLIS / 1000 + ") AND to_timestamp("
                        + TO_MILLIS / 1000 + ")")) {
            rs.next();
            return rs.getLong(1) + rs.getDouble(2) + rs.getLong(3);
        }
    }

    double scan(ParquetPartReader reader) {
        SampleColumnsTally tally = new SampleColumnsTally(FROM_MILLIS, TO_MILLIS);
        try (BatchReader batches = reader.open(file, meta, List.of("series_id", "ts", "value"), TimeRange.ALL, null, allocator)) {
            while (batches.loadNext()) {
                tally.add(batches.root());
            }
        }
        return tally.count + tally.sum + tally.maxId;
    }
}
