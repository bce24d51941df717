package dev.strata.storage.testing;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;

/** Test stand-in for the Parquet part reader: reads an {@link IpcPartWriter} file, projected, without pruning. */
public final class IpcPartReader implements PartReader {
    private final AtomicInteger opened = new AtomicInteger();

    /** How many parts were opened (to check pruning). */
    public int opened() {
        return opened.get();
    }

    @Override
    public BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, BufferAllocator allocator) {
        opened.incrementAndGet();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            ArrowFileReader reader = new ArrowFileReader(channel, allocator);
            VectorSchemaRoot out = VectorSchemaRoot.create(TelemetryTables.project(meta.table(), columns), allocator);
            return new BatchReader() {
                @Override
                public boolean loadNext() {
                    try {
                        if (!reader.loadNextBatch()) {
                            out.setRowCount(0);
                            return false;
                        }
                        VectorSchemaRoot source = reader.getVectorSchemaRoot();
                        for (int i = 0; i < columns.size(); i++) {
                            source.getVector(columns.get(i)).makeTransferPair(out.getVector(i)).transfer();
                        }
                        out.setRowCount(source.getRowCount());
                        return true;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public VectorSchemaRoot root() {
                    return out;
                }

                @Override
                public void close() {
                    out.close();
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
