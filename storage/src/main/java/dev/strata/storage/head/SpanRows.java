package dev.strata.storage.head;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.SpanEvent;
import dev.strata.storage.write.SpanLink;
import dev.strata.storage.write.SpanRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** Span rows of a snapshot, sorted by trace id then start time. */
final class SpanRows implements RowSource {
    private static final Comparator<SpanRecord> ORDER =
            Comparator.comparing(SpanRecord::traceId).thenComparingLong(SpanRecord::startNanos);

    private final SpanRecord[] spans;
    private final List<String> columns;
    private int position;

    SpanRows(TenantHead.SpansSnapshot snapshot, List<String> columns, TimeRange startRange) {
        SpanRecord[] all = Arrays.copyOf(snapshot.spans(), snapshot.count());
        int kept = 0;
        for (SpanRecord span : all) {
            if (startRange.contains(span.startNanos())) {
                all[kept++] = span;
            }
        }
        this.spans = Arrays.copyOf(all, kept);
        Arrays.sort(spans, ORDER);
        this.columns = columns;
        for (String column : columns) {
            if (!known(column)) {
                throw new IllegalArgumentException("spans has no column " + column);
            }
        }
    }

    private static boolean known(String column) {
        return TelemetryTables.SPANS_SCHEMA.getFields().stream().anyMatch(f -> f.getName().equals(column));
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        int n = Math.min(maxRows, spans.length - position);
        for (int c = 0; c < vectors.length; c++) {
            String column = columns.get(c);
            FieldVector vector = vectors[c];
            for (int i = 0; i < n; i++) {
                write(column, vector, i, spans[position + i]);
            }
        }
        position += n;
        return n;
    }

    private static void write(String column, FieldVector vector, int row, SpanRecord span) {
        switch (column) {
            case "trace_id" -> ArrowColumns.setString((VarCharVector) vector, row, span.traceId());
            case "span_id" -> ArrowColumns.setString((VarCharVector) vector, row, span.spanId());
            case "parent_span_id" -> ArrowColumns.setString((VarCharVector) vector, row, span.parentSpanId());
            case "trace_state" -> ArrowColumns.setString((VarCharVector) vector, row, span.traceState());
            case "name" -> ArrowColumns.setString((VarCharVector) vector, row, span.name());
            case "kind" -> ArrowColumns.setString((VarCharVector) vector, row, span.kind());
            case "service_name" -> ArrowColumns.setString((VarCharVector) vector, row, span.serviceName());
            case "start_ts" -> ((TimeStampVector) vector).setSafe(row, span.startNanos());
            case "end_ts" -> ((TimeStampVector) vector).setSafe(row, span.endNanos());
            case "duration_ns" -> ((BigIntVector) vector).setSafe(row, span.endNanos() - span.startNanos());
            case "status_code" -> ArrowColumns.setString((VarCharVector) vector, row, span.statusCode());
            case "status_message" -> ArrowColumns.setString((VarCharVector) vector, row, span.statusMessage());
            case "attributes" -> ArrowColumns.setAttributeText((MapVector) vector, row, span.attributes());
            case "attributes_int" -> ArrowColumns.setTypedAttributes((MapVector) vector, row, span.attributes(), AttributeValue.Type.INT);
            case "attributes_double" -> ArrowColumns.setTypedAttributes((MapVector) vector, row, span.attributes(), AttributeValue.Type.DOUBLE);
            case "attributes_bool" -> ArrowColumns.setTypedAttributes((MapVector) vector, row, span.attributes(), AttributeValue.Type.BOOL);
            case "resource_attributes" -> ArrowColumns.setAttributeText((MapVector) vector, row, span.resourceAttributes());
            case "resource_attributes_int" ->
                    ArrowColumns.setTypedAttributes((MapVector) vector, row, span.resourceAttributes(), AttributeValue.Type.INT);
            case "resource_attributes_double" ->
                    ArrowColumns.setTypedAttributes((MapVector) vector, row, span.resourceAttributes(), AttributeValue.Type.DOUBLE);
            case "resource_attributes_bool" ->
                    ArrowColumns.setTypedAttributes((MapVector) vector, row, span.resourceAttributes(), AttributeValue.Type.BOOL);
            case "scope_name" -> ArrowColumns.setString((VarCharVector) vector, row, span.scopeName());
            case "scope_version" -> ArrowColumns.setString((VarCharVector) vector, row, span.scopeVersion());
            case "events" -> writeEvents((ListVector) vector, row, span.events());
            case "links" -> writeLinks((ListVector) vector, row, span.links());
            default -> throw new IllegalStateException("spans has no column " + column);
        }
    }

    private static void writeEvents(ListVector vector, int row, List<SpanEvent> events) {
        int start = vector.startNewValue(row);
        StructVector item = (StructVector) vector.getDataVector();
        TimeStampVector ts = (TimeStampVector) item.getChild("ts");
        VarCharVector name = (VarCharVector) item.getChild("name");
        MapVector attributes = (MapVector) item.getChild("attributes");
        for (int i = 0; i < events.size(); i++) {
            SpanEvent event = events.get(i);
            item.setIndexDefined(start + i);
            ts.setSafe(start + i, event.timestampNanos());
            name.setSafe(start + i, event.name().getBytes(StandardCharsets.UTF_8));
            ArrowColumns.setAttributeText(attributes, start + i, event.attributes());
        }
        vector.endValue(row, events.size());
    }

    private static void writeLinks(ListVector vector, int row, List<SpanLink> links) {
        int start = vector.startNewValue(row);
        StructVector item = (StructVector) vector.getDataVector();
        VarCharVector traceId = (VarCharVector) item.getChild("trace_id");
        VarCharVector spanId = (VarCharVector) item.getChild("span_id");
        VarCharVector traceState = (VarCharVector) item.getChild("trace_state");
        MapVector attributes = (MapVector) item.getChild("attributes");
        for (int i = 0; i < links.size(); i++) {
            SpanLink link = links.get(i);
            item.setIndexDefined(start + i);
            traceId.setSafe(start + i, link.traceId().getBytes(StandardCharsets.UTF_8));
            spanId.setSafe(start + i, link.spanId().getBytes(StandardCharsets.UTF_8));
            ArrowColumns.setString(traceState, start + i, link.traceState());
            ArrowColumns.setAttributeText(attributes, start + i, link.attributes());
        }
        vector.endValue(row, links.size());
    }
}
