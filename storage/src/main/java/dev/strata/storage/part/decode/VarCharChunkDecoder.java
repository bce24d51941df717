package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The vectorized path for top-level text columns, required or optional ({@code metric},
 * {@code logs.line}, {@code level}, trace and span ids, span names): each column chunk is decoded
 * straight into the Arrow vector in whichever encoding each page has (dictionary, or the
 * PLAIN/DELTA_BYTE_ARRAY fallback after a dictionary overflowed). Not thread-safe; one per reader
 * and column.
 */
public final class VarCharChunkDecoder implements AutoCloseable {
    private final ByteArrayChunkDecoder leaf;

    /** A decoder for the column of {@code type}, which {@link #supports} must have accepted. */
    public VarCharChunkDecoder(Type type) {
        boolean optional = type.getRepetition() == Type.Repetition.OPTIONAL;
        leaf = new ByteArrayChunkDecoder(0, optional ? 1 : 0, 0, optional ? 1 : 0);
    }

    /** True when {@code column} of {@code type} is top-level required or optional text in v2 pages of supported encodings. */
    public static boolean supports(Type type, ColumnChunkMetaData column) {
        return type.isPrimitive() && type.getRepetition() != Type.Repetition.REPEATED
                && ((PrimitiveType) type).getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && ByteArrayChunkDecoder.supports(column);
    }

    /** Decodes {@code column} ({@code rows} rows) into {@code vector}, replacing its contents. */
    public void decode(FileChannel channel, ColumnChunkMetaData column, int rows, VarCharVector vector) throws IOException {
        if (column.getValueCount() != rows) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has " + column.getValueCount()
                    + " values in a row group of " + rows + " rows");
        }
        leaf.decode(channel, column, vector);
    }

    @Override
    public void close() {
        leaf.close();
    }
}
