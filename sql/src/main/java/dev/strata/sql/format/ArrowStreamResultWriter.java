package dev.strata.sql.format;

import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.ResultVectors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC stream: the schema, one record batch per result batch (written from the engine's
 * vectors without copying), then the end-of-stream marker. Column names are the result's.
 */
public final class ArrowStreamResultWriter implements ResultWriter {
    @Override
    public void write(QueryResult result, OutputStream out) throws IOException {
        WriteChannel channel = new WriteChannel(Channels.newChannel(out));
        List<ResultColumn> columns = result.columns();
        VectorSchemaRoot batch = result.next();
        Schema schema;
        if (batch == null) {
            List<Field> fields = new ArrayList<>();
            for (ResultColumn column : columns) {
                fields.add(ResultVectors.field(column.name(), column.type()));
            }
            schema = new Schema(fields);
        } else {
            schema = schemaOf(batch, columns);
        }
        MessageSerializer.serialize(channel, schema, IpcOption.DEFAULT);
        for (; batch != null; batch = result.next()) {
            VectorSchemaRoot named = new VectorSchemaRoot(schemaOf(batch, columns).getFields(), batch.getFieldVectors(), batch.getRowCount());
            try (ArrowRecordBatch recordBatch = new VectorUnloader(named).getRecordBatch()) {
                MessageSerializer.serialize(channel, recordBatch, IpcOption.DEFAULT);
            }
            out.flush();
        }
        ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
        out.flush();
    }

    private static Schema schemaOf(VectorSchemaRoot batch, List<ResultColumn> columns) {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            FieldVector vector = batch.getVector(c);
            Field field = vector.getField();
            fields.add(new Field(columns.get(c).name(), field.getFieldType(), field.getChildren()));
        }
        return new Schema(fields);
    }
}
