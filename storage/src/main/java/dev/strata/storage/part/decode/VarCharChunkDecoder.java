package dev.strata.storage.part.decode;

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
 * PLAIN/DELTA_BYTE_ARRAY fallback after a dictionary overflowed), whole ({@link #decode}) or in
 * slices of rows that reuse the vector's buffers ({@link #start}, {@link #next}, {@link #finish}).
 * Not thread-safe; one per reader and column.
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
        start(channel, column, rows);
        next(rows, vector, 0);
        finish();
    }

    /** Positions on the first row of {@code column}, a chunk of {@code rows} rows. */
    public void start(FileChannel channel, ColumnChunkMetaData column, int rows) throws IOException {
        leaf.start(channel, column, rows);
    }

    /**
     * Decodes the next {@code n} rows into {@code vector} from row {@code at}: {@code 0} replaces its
     * contents, otherwise the rows follow the {@code at} rows this decoder wrote there last.
     */
    public void next(int n, VarCharVector vector, int at) throws IOException {
        leaf.next(n, vector, false, at > 0);
    }

    /**
     * Decodes the next {@code n} rows in dictionary form: {@code vector} gets the entries and
     * {@code ids[at + i]} names row {@code i}'s; a dictionary page of at most {@code maxEntries}
     * entries is copied once per batch, other values get an entry each. {@code at == 0} starts a
     * batch; otherwise the entries follow this decoder's last ones. Returns the entries held.
     */
    public int nextIds(int n, VarCharVector vector, int[] ids, int at, int maxEntries) throws IOException {
        return leaf.nextIds(n, vector, ids, at, maxEntries);
    }

    /** Checks that the chunk held exactly the rows read. */
    public void finish() throws IOException {
        leaf.finish();
    }

    @Override
    public void close() {
        leaf.close();
    }
}
