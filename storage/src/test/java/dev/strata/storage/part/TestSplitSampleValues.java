package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The split value columns (docs/format/samples.md) give back every written double bit for bit,
 * through our reader on both paths and through DuckDB's view {@code coalesce(value, value_int / value_div)}.
 */
class TestSplitSampleValues {
    /** Values that must stay doubles, must become mantissas, or sit on an edge between the two. */
    private static final double[] EDGES = {
            PartFixtures.STALE_NAN, Double.NaN, Double.longBitsToDouble(0x7ff8dead0000beefL), Double.longBitsToDouble(0xfff0000000000001L),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.0, -1.0, 42.0, 0.1, 0.30000000000000004, 12.34, -0.005,
            1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p53, 0x1p53 + 2, 0x1p62, -0x1p63, 0x1p63,
            9.007199254740993e15, 123456.789012, 1e15, 1e22, 1e-15, 3.141592653589793, 1.5e300};

    @TempDir
    Path dataDir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /** Series of integer counters, 2- and 6-decimal gauges, random doubles, with every edge value sprinkled in. */
    private static List<List<Object>> rows(int perSeries) {
        Random random = new Random(11);
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            long seriesId = PartFixtures.seriesId(s);
            double state = random.nextInt(1_000_000);
            for (int i = 0; i < perSeries; i++) {
                double value;
                if (random.nextInt(20) == 0) {
                    value = EDGES[random.nextInt(EDGES.length)];
                } else {
                    value = switch (s % 4) {
                        case 0 -> state += random.nextInt(300);
                        case 1 -> state = Math.round((state + random.nextDouble() * 4) * 100) / 100.0;
                        case 2 -> state = Math.round((state + random.nextDouble() * 40) * 1e6) / 1e6;
                        default -> random.nextDouble() * 1000;
                    };
                }
                rows.add(new ArrayList<>(Arrays.asList(seriesId, "m", PartFixtures.BASE_MILLIS + i * 10_000L, value)));
            }
        }
        for (int e = 0; e < EDGES.length; e++) {
            rows.add(new ArrayList<>(Arrays.asList(PartFixtures.seriesId(99), "m", PartFixtures.BASE_MILLIS + e * 10_000L, EDGES[e])));
        }
        rows.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)) != 0 ? Long.compare((Long) a.get(0), (Long) b.get(0))
                : Long.compare((Long) a.get(2), (Long) b.get(2)));
        return rows;
    }

    private static List<Long> bits(List<List<Object>> rows) {
        List<Long> bits = new ArrayList<>();
        for (List<Object> row : rows) {
            bits.add(Double.doubleToRawLongBits((Double) row.get(3)));
        }
        return bits;
    }

    @ParameterizedTest
    @CsvSource({"VECTORIZED, 100000, COLUMNAR", "RECORD, 100000, COLUMNAR", "VECTORIZED, 97, COLUMNAR", "RECORD, 97, COLUMNAR",
            "VECTORIZED, 97, RECORD", "VECTORIZED, 5000, RECORD"})
    void readerGivesBackEveryValueBitForBit(ParquetPartReader.ReadPath path, int pageRows, PartWriterConfig.WritePath writePath)
            throws Exception {
        List<List<Object>> rows = rows(600);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JSPLIT" + path + pageRows + writePath, rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(1000).withPages(1 << 20, pageRows).withWritePath(writePath));

        List<Long> read = new ArrayList<>();
        try (BatchReader reader = new ParquetPartReader(path).open(dataDir.resolve(meta.relativePath()), meta,
                List.of("ts", "value"), TimeRange.ALL, null, allocator)) {
            while (reader.loadNext()) {
                Float8Vector values = (Float8Vector) reader.root().getVector(1);
                for (int i = 0; i < reader.root().getRowCount(); i++) {
                    read.add(values.getDataBuffer().getLong((long) i * 8));
                }
            }
        }
        assertThat(read).isEqualTo(bits(rows));
    }

    @Test
    void theDocumentedViewReadsOldAndNewPartsTogether() throws Exception {
        List<List<Object>> rows = rows(100);
        List<List<Object>> old = rows.subList(0, rows.size() / 2);
        List<List<Object>> recent = rows.subList(rows.size() / 2, rows.size());
        // a part from before the split (required double value) beside a split one
        PartFiles.write(dataDir, "samples", "t1", "01JOLD", old,
                PartWriterConfig.DEFAULT.withValueEncoding(PartWriterConfig.ValueEncoding.BYTE_STREAM_SPLIT));
        PartFiles.write(dataDir, "samples", "t1", "01JNEW", recent, PartWriterConfig.DEFAULT);

        List<Long> read = new ArrayList<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("CREATE VIEW samples AS SELECT * EXCLUDE (value, value_int, value_div), coalesce(value, value_int / value_div) AS value "
                    + "FROM read_parquet('" + dataDir + "/parts/samples/**/*.parquet', hive_partitioning = true, union_by_name = true)");
            try (ResultSet rs = st.executeQuery("SELECT value FROM samples ORDER BY series_id, ts")) {
                while (rs.next()) {
                    read.add(Double.doubleToRawLongBits(rs.getDouble(1)));
                }
            }
        }
        assertThat(read).isEqualTo(bits(rows));
    }

    @Test
    void duckDbViewGivesBackEveryValueBitForBit() throws Exception {
        List<List<Object>> rows = rows(300);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JSPLITDUCK", rows, PartWriterConfig.DEFAULT.withRowGroupRows(1000));
        Path file = dataDir.resolve(meta.relativePath());

        List<Long> read = new ArrayList<>();
        long inInt = 0;
        long inDouble = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            st.execute("SET threads = 1");
            try (ResultSet rs = st.executeQuery("SELECT coalesce(value, value_int / value_div), value_int IS NOT NULL, value IS NOT NULL FROM read_parquet('"
                    + file + "') ORDER BY series_id, ts")) {
                while (rs.next()) {
                    read.add(Double.doubleToRawLongBits(rs.getDouble(1)));
                    assertThat(rs.getBoolean(2)).isNotEqualTo(rs.getBoolean(3));
                    inInt += rs.getBoolean(2) ? 1 : 0;
                    inDouble += rs.getBoolean(3) ? 1 : 0;
                }
            }
        }
        assertThat(read).isEqualTo(bits(rows));
        // the integers and short decimals went to value_int, the random doubles and edges stayed
        assertThat(inInt).isGreaterThan(rows.size() / 2);
        assertThat(inDouble).isGreaterThan(rows.size() / 10);
    }
}
