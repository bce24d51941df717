package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.table.TelemetryTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB examples of docs/format run against parts of every table, so the docs cannot rot. */
class TestFormatDocExamples {
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dataDir;

    @Test
    void everyExampleQueryRuns() throws Exception {
        for (String table : TelemetryTables.ALL) {
            PartFiles.write(dataDir, table, "default", "01JDOCS", PartFixtures.rows(table), PartWriterConfig.DEFAULT);
        }
        Path docs = Path.of("..", "docs", "format");
        List<String> queries = new ArrayList<>();
        for (String name : List.of("parts.md", "samples.md", "series.md", "logs.md", "spans.md")) {
            Matcher m = SQL_BLOCK.matcher(Files.readString(docs.resolve(name)));
            while (m.find()) {
                queries.add(m.group(1).replace("<data-dir>", dataDir.toString()).replace("'data/", "'" + dataDir + "/"));
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        try (DuckDbOracle duck = new DuckDbOracle()) {
            for (String query : queries) {
                String statement = query.strip().replaceAll(";$", "");
                if (statement.startsWith("CREATE")) {
                    duck.execute(statement);
                } else {
                    assertThat(duck.query(statement)).as(query).isNotNull();
                }
            }
        }
    }
}
