package dev.strata.sql.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code {"columns":[{"name":…,"type":…}],"rows":[[…],…]}}. Numbers are JSON numbers (NaN and
 * infinities as the strings {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}), timestamps ISO-8601
 * UTC strings, maps JSON objects, NULL {@code null}.
 */
public final class JsonResultWriter implements ResultWriter {
    private final JsonFactory factory = new JsonFactory();

    @Override
    public void write(QueryResult result, OutputStream out) throws IOException {
        List<ResultColumn> columns = result.columns();
        JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        json.writeArrayFieldStart("columns");
        for (ResultColumn column : columns) {
            json.writeStartObject();
            json.writeStringField("name", column.name());
            json.writeStringField("type", column.typeName());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
        for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                json.writeStartArray();
                for (int c = 0; c < columns.size(); c++) {
                    writeValue(json, ValueText.value(batch.getVector(c), r, columns.get(c)));
                }
                json.writeEndArray();
            }
            json.flush();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Double number) {
            if (number.isNaN()) {
                json.writeString("NaN");
            } else if (number.isInfinite()) {
                json.writeString(number > 0 ? "+Inf" : "-Inf");
            } else {
                json.writeNumber(number);
            }
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }
}
