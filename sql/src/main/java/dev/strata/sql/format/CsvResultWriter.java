package dev.strata.sql.format;

import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * RFC 4180 CSV with a header line of column names; fields with a comma, quote or line break are
 * quoted. NULL is an empty field, timestamps ISO-8601 UTC, maps {@code {k=v, …}} text.
 */
public final class CsvResultWriter implements ResultWriter {
    @Override
    public void write(QueryResult result, OutputStream out) throws IOException {
        List<ResultColumn> columns = result.columns();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                writer.write(',');
            }
            writeField(writer, columns.get(c).name());
        }
        writer.write("\r\n");
        for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        writer.write(',');
                    }
                    Object value = ValueText.value(batch.getVector(c), r, columns.get(c));
                    if (value != null) {
                        writeField(writer, value instanceof Map<?, ?> map ? map.toString() : value.toString());
                    }
                }
                writer.write("\r\n");
            }
            writer.flush();
        }
        writer.flush();
    }

    private static void writeField(Writer writer, String text) throws IOException {
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!quote) {
            writer.write(text);
            return;
        }
        writer.write('"');
        writer.write(text.replace("\"", "\"\""));
        writer.write('"');
    }
}
