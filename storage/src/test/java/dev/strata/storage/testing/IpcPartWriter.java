package dev.strata.storage.testing;

import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Test stand-in for the Parquet part writer: writes the batches as an Arrow IPC file and computes
 * the part statistics. Counts writes and can be told to fail, to simulate a crash mid-seal.
 */
public final class IpcPartWriter implements PartWriter {
    private final BufferAllocator allocator;
    private volatile int failAfterWrites = Integer.MAX_VALUE;
    private int writes;

    public IpcPartWriter(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** Every write after the next {@code n} throws (after leaving its file behind, as a crash would). */
    public void failAfter(int n) {
        failAfterWrites = writes + n;
    }

    public synchronized int writes() {
        return writes;
    }

    @Override
    public synchronized PartMeta write(PartSpec spec, Iterator<VectorSchemaRoot> sortedBatches, Path file) throws IOException {
        long rows = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        long minId = Long.MAX_VALUE;
        long maxId = Long.MIN_VALUE;
        VectorSchemaRoot own = null;
        ArrowFileWriter writer = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (sortedBatches.hasNext()) {
                VectorSchemaRoot batch = sortedBatches.next();
                if (own == null) {
                    own = VectorSchemaRoot.create(batch.getSchema(), allocator);
                    writer = new ArrowFileWriter(own, null, channel);
                    writer.start();
                }
                try (ArrowRecordBatch recordBatch = new VectorUnloader(batch).getRecordBatch()) {
                    new VectorLoader(own).load(recordBatch);
                }
                writer.writeBatch();
                rows += batch.getRowCount();
                String timeColumn = switch (spec.table()) {
                    case TelemetryTables.SPANS -> "start_ts";
                    case TelemetryTables.SERIES -> null;
                    default -> "ts";
                };
                String idColumn = switch (spec.table()) {
                    case TelemetryTables.SPANS -> null;
                    case TelemetryTables.LOGS -> "stream_id";
                    default -> "series_id";
                };
                for (int r = 0; r < batch.getRowCount(); r++) {
                    if (timeColumn != null) {
                        TimeStampVector ts = (TimeStampVector) batch.getVector(timeColumn);
                        long t = ts instanceof TimeStampMilliTZVector ? ts.get(r) * 1_000_000 : ts.get(r);
                        minTime = Math.min(minTime, t);
                        maxTime = Math.max(maxTime, t);
                    }
                    if (idColumn != null) {
                        long id = ((BigIntVector) batch.getVector(idColumn)).get(r);
                        minId = Math.min(minId, id);
                        maxId = Math.max(maxId, id);
                    }
                }
            }
            if (writer != null) {
                writer.end();
            }
            channel.force(true);
            if (writer != null) {
                writer.close(); // closes the channel too
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
        writes++;
        if (writes > failAfterWrites) {
            throw new IOException("simulated crash after writing " + file);
        }
        if (minTime > maxTime) {
            minTime = Long.MIN_VALUE;
            maxTime = Long.MAX_VALUE;
        }
        if (minId > maxId) {
            minId = 0;
            maxId = 0;
        }
        return new PartMeta(spec.id(), spec.table(), spec.tenant(), spec.relativePath(), rows, Files.size(file), minTime, maxTime, minId,
                maxId, spec.level());
    }
}
