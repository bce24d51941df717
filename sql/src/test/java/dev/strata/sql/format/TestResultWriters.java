package dev.strata.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestResultWriters {
    private BufferAllocator allocator;
    private SqlQueryService service;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("app", "api");
        InMemoryTableSource source = new InMemoryTableSource(100, 100).addLogs("t", List.of(
                new TelemetryRows.Log(1, labels, 1_704_067_200_123_456_789L, "hello, \"world\"", new TreeMap<>(), "abc", null, "info"),
                new TelemetryRows.Log(1, labels, 1_704_067_201_000_000_000L, "second", new TreeMap<>(), null, null, "warn")));
        service = new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, Clock.systemUTC(), ExecutorConfig.DEFAULT), SqlConfig.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private static final String QUERY = "SELECT ts, ts_ns, line, trace_id, labels FROM logs ORDER BY ts_ns";

    private String write(ResultFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = service.execute("t", QUERY, QueryLimits.DEFAULT)) {
            format.writer().write(result, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesJson() throws IOException {
        assertThat(write(ResultFormat.JSON)).isEqualTo("{\"columns\":["
                + "{\"name\":\"ts\",\"type\":\"TIMESTAMP\"},{\"name\":\"ts_ns\",\"type\":\"BIGINT\"},{\"name\":\"line\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"trace_id\",\"type\":\"VARCHAR\"},{\"name\":\"labels\",\"type\":\"MAP(VARCHAR, VARCHAR)\"}],\"rows\":["
                + "[\"2024-01-01T00:00:00.123Z\",1704067200123456789,\"hello, \\\"world\\\"\",\"abc\",{\"app\":\"api\"}],"
                + "[\"2024-01-01T00:00:01Z\",1704067201000000000,\"second\",null,{\"app\":\"api\"}]]}");
    }

    @Test
    void writesCsvWithHeader() throws IOException {
        assertThat(write(ResultFormat.CSV)).isEqualTo("ts,ts_ns,line,trace_id,labels\r\n"
                + "2024-01-01T00:00:00.123Z,1704067200123456789,\"hello, \"\"world\"\"\",abc,{app=api}\r\n"
                + "2024-01-01T00:00:01Z,1704067201000000000,second,,{app=api}\r\n");
    }

    @Test
    void writesArrowStreamThatArrowReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = service.execute("t", QUERY, QueryLimits.DEFAULT)) {
            ResultFormat.ARROW.writer().write(result, out);
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(out.toByteArray()), allocator)) {
            assertThat(reader.getVectorSchemaRoot().getSchema().getFields()).extracting(f -> f.getName())
                    .containsExactly("ts", "ts_ns", "line", "trace_id", "labels");
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += reader.getVectorSchemaRoot().getRowCount();
                assertThat(reader.getVectorSchemaRoot().getVector("line").getObject(0).toString()).isEqualTo("hello, \"world\"");
            }
            assertThat(rows).isEqualTo(2);
        }
    }

    @Test
    void writesEmptyResults() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = service.execute("nobody", QUERY, QueryLimits.DEFAULT)) {
            ResultFormat.JSON.writer().write(result, out);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("\"rows\":[]}");
    }

    @Test
    void choosesFormatsByNameAndAccept() {
        assertThat(ResultFormat.fromName("csv")).contains(ResultFormat.CSV);
        assertThat(ResultFormat.fromName("avro")).isEmpty();
        assertThat(ResultFormat.fromAccept("application/vnd.apache.arrow.stream")).contains(ResultFormat.ARROW);
        assertThat(ResultFormat.fromAccept("text/csv, */*")).contains(ResultFormat.CSV);
        assertThat(ResultFormat.fromAccept("*/*")).isEmpty();
    }
}
