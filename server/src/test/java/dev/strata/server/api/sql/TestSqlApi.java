package dev.strata.server.api.sql;

import static dev.strata.server.testing.StoreBackedServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.testing.StoreBackedServer;
import dev.strata.server.testing.StoreBackedServer.Series;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/sql} of a real server over a real store fed through remote write, in every format. */
final class TestSqlApi {
    private static final String UP_BY_VALUE =
            "SELECT labels['job'] AS job, \"value\" FROM samples WHERE metric = 'up' ORDER BY \"value\"";

    @TempDir
    static Path dataDir;

    private static StoreBackedServer server;

    @BeforeAll
    static void start() {
        server = new StoreBackedServer(dataDir, Map.of("sql.max-rows", "3"));
        long now = System.currentTimeMillis();
        server.remoteWrite("team-a", List.of(
                new Series(Map.of("__name__", "up", "job", "api"), new long[] {now - 2_000, now - 1_000}, new double[] {1, 0.5}),
                new Series(Map.of("__name__", "up", "job", "db"), new long[] {now - 1_000}, new double[] {2})), List.of());
        server.remoteWrite("team-b", List.of(
                new Series(Map.of("__name__", "up", "job", "secret"), new long[] {now - 1_000}, new double[] {99})), List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonByDefault() {
        HttpResponse<String> response = server.get("/api/v1/sql?query=" + encode(UP_BY_VALUE), "team-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"columns\":[{\"name\":\"job\",\"type\":\"VARCHAR\"},"
                + "{\"name\":\"value\",\"type\":\"DOUBLE\"}],\"rows\":[[\"api\",0.5],[\"api\",1.0],[\"db\",2.0]]}");
    }

    @Test
    void formPostAsTheConsoleSendsIt() {
        HttpResponse<String> response = server.postForm("/api/v1/sql",
                Map.of("query", "SELECT count(*) AS n FROM samples", "format", "json"), "team-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"columns\":[{\"name\":\"n\",\"type\":\"BIGINT\"}],\"rows\":[[3]]}");
    }

    @Test
    void tenantsSeeOnlyTheirOwnRows() {
        String query = "/api/v1/sql?format=csv&query=" + encode("SELECT labels['job'] AS job FROM samples ORDER BY 1");
        assertThat(server.get(query, "team-b").body()).isEqualTo("job\r\nsecret\r\n");
        assertThat(server.get(query, "team-a").body()).isEqualTo("job\r\napi\r\napi\r\ndb\r\n");
        assertThat(server.get(query, "team-c").body()).isEqualTo("job\r\n");
        assertThat(server.get(query, null).body()).isEqualTo("job\r\n"); // default tenant "fake"
    }

    @Test
    void csvByFormatParameterOrAcceptHeader() {
        HttpResponse<String> byParameter = server.get("/api/v1/sql?format=csv&query=" + encode(UP_BY_VALUE), "team-a");
        assertThat(byParameter.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(byParameter.body()).isEqualTo("job,value\r\napi,0.5\r\napi,1.0\r\ndb,2.0\r\n");
        HttpResponse<byte[]> byAccept = server.getBytes("/api/v1/sql?query=" + encode(UP_BY_VALUE), "team-a", "text/csv");
        assertThat(new String(byAccept.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(byParameter.body());
    }

    @Test
    void arrowStreamReadsBackWithoutLeaks() throws Exception {
        HttpResponse<byte[]> response = server.getBytes("/api/v1/sql?query=" + encode(UP_BY_VALUE), "team-a",
                "application/vnd.apache.arrow.stream");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.arrow.stream");
        List<String> rows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator()) {
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(response.body()), allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                assertThat(root.getSchema().getFields()).extracting(f -> f.getName()).containsExactly("job", "value");
                while (reader.loadNextBatch()) {
                    for (int r = 0; r < root.getRowCount(); r++) {
                        rows.add(root.getVector("job").getObject(r) + "=" + root.getVector("value").getObject(r));
                    }
                }
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        assertThat(rows).containsExactly("api=0.5", "api=1.0", "db=2.0");
    }

    @Test
    void parquetByFormatParameterOrAcceptHeaderReadsBackInDuckDb() throws Exception {
        HttpResponse<byte[]> byParameter = server.getBytes("/api/v1/sql?format=parquet&query=" + encode(UP_BY_VALUE), "team-a", null);
        HttpResponse<byte[]> byAccept = server.getBytes("/api/v1/sql?query=" + encode(UP_BY_VALUE), "team-a",
                "application/vnd.apache.parquet");
        for (HttpResponse<byte[]> response : List.of(byParameter, byAccept)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
        }
        Path file = dataDir.resolve("result.parquet");
        java.nio.file.Files.write(file, byAccept.body());
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.Statement statement = duck.createStatement()) {
            statement.execute("SET threads=1");
            statement.execute("SET autoinstall_known_extensions=false");
            try (java.sql.ResultSet result = statement.executeQuery("SELECT job, \"value\" FROM read_parquet('" + file + "')")) {
                while (result.next()) {
                    rows.add(result.getString(1) + "=" + result.getDouble(2));
                }
            }
        }
        assertThat(rows).containsExactly("api=0.5", "api=1.0", "db=2.0");
    }

    @Test
    void errorsNameLineAndColumn() {
        HttpResponse<String> unknownColumn = server.get("/api/v1/sql?query=" + encode("SELECT metric,\n  nope FROM samples"), "team-a");
        assertThat(unknownColumn.statusCode()).isEqualTo(400);
        assertThat(unknownColumn.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"line 2:3: ");
        HttpResponse<String> syntax = server.get("/api/v1/sql?query=" + encode("SELECT FROM WHERE"), "team-a");
        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(syntax.body()).contains("line 1:");
        HttpResponse<String> missing = server.get("/api/v1/sql", "team-a");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("missing parameter \\\"query\\\"");
    }

    @Test
    void rowLimitFromConfigurationFailsTheQueryClearly() {
        HttpResponse<String> response = server.get("/api/v1/sql?query="
                + encode("SELECT a.\"value\" FROM samples a CROSS JOIN samples b"), "team-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).startsWith("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":")
                .contains("more than 3 rows");
    }

    @Test
    void unsupportedFormatListsTheSupportedOnes() {
        HttpResponse<String> response = server.get("/api/v1/sql?format=avro&query=" + encode("SELECT 1"), "team-a");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"unsupported format \\\"avro\\\"; supported formats are json, csv, arrow, parquet\"}");
    }
}
