package dev.strata.sql.format;

import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.RowValues;
import java.time.Instant;
import org.apache.arrow.vector.FieldVector;

/** Reads a result value for the text formats: timestamps as ISO-8601 UTC instants, the rest as Java values. */
final class ValueText {
    private ValueText() {}

    static Object value(FieldVector vector, int row, ResultColumn column) {
        Object value = RowValues.get(vector, row, column.type());
        if (value != null && column.typeName().equals("TIMESTAMP")) {
            return Instant.ofEpochMilli((Long) value).toString();
        }
        if (value != null && column.typeName().equals("DATE")) {
            return java.time.LocalDate.ofEpochDay(((Number) value).longValue()).toString();
        }
        return value;
    }
}
