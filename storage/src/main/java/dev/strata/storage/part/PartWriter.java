package dev.strata.storage.part;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes one immutable Parquet part. The batches come in the table's stored schema
 * ({@link StoredSchemas}) and already in the stored order (series/stream id, then time; spans by
 * trace id, then start time). Batches are borrowed: the writer copies what it needs before
 * pulling the next one. The file is complete, flushed and fsynced when this returns; the caller
 * publishes it through the manifest.
 */
public interface PartWriter {
    PartMeta write(PartSpec spec, Iterator<VectorSchemaRoot> sortedBatches, Path file) throws IOException;
}
