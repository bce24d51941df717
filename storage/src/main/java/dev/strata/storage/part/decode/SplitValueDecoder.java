package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.Type;

/**
 * Presents the split {@code samples.value} of a part (nullable {@code value} DOUBLE, nullable
 * {@code value_int} INT64 mantissa, required {@code value_div} DOUBLE power of ten; see
 * {@code SampleValues}) as one required double column, slice by slice like
 * {@link FixedWidthChunkDecoder}: the doubles are decoded densely at the tail of the output, the
 * mantissas and divisors into scratch memory, and one forward pass interleaves them (the tail is
 * never overwritten before it is read: the write position trails the read position by the
 * mantissas still to come). Not thread-safe; one per reader.
 */
public final class SplitValueDecoder implements AutoCloseable {
    private final BufferAllocator allocator;
    private final FixedWidthChunkDecoder doubles = new FixedWidthChunkDecoder();
    private final FixedWidthChunkDecoder mantissas = new FixedWidthChunkDecoder();
    private final FixedWidthChunkDecoder divisors = new FixedWidthChunkDecoder();
    private ArrowBuf scratch;
    private byte[] doubleSet = new byte[0];
    private byte[] mantissaSet = new byte[0];

    public SplitValueDecoder(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** True when the three chunks of a row group can be decoded here. */
    public static boolean supports(Type doubleType, ColumnChunkMetaData doubleChunk, Type intType, ColumnChunkMetaData intChunk,
            Type divType, ColumnChunkMetaData divChunk) {
        return FixedWidthChunkDecoder.supportsOptional(doubleType, doubleChunk)
                && FixedWidthChunkDecoder.supportsOptional(intType, intChunk)
                && FixedWidthChunkDecoder.supports(divType, divChunk);
    }

    public void start(FileChannel channel, ColumnChunkMetaData doubleChunk, ColumnChunkMetaData intChunk, ColumnChunkMetaData divChunk,
            int rows) throws IOException {
        doubles.start(channel, doubleChunk, rows, true);
        mantissas.start(channel, intChunk, rows, true);
        divisors.start(channel, divChunk, rows, false);
    }

    /** The next {@code n} values, as raw double bits, to {@code outAddress}. */
    public void next(int n, long outAddress) throws IOException {
        if (scratch == null || scratch.capacity() < (long) n * 16) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = allocator.buffer((long) n * 16);
            doubleSet = new byte[n];
            mantissaSet = new byte[n];
        }
        long mantissaAddress = scratch.memoryAddress();
        long divisorAddress = mantissaAddress + (long) n * 8;
        int ints = mantissas.nextNullable(n, mantissaAddress, mantissaSet, 0);
        // the n - ints doubles go to the tail [ints, n) of the output
        int doublesSet = doubles.nextNullable(n, outAddress + (long) ints * 8, doubleSet, 0);
        divisors.next(n, divisorAddress);
        if (doublesSet != n - ints) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "value and value_int set together or both null in " + n + " rows");
        }
        long read = outAddress + (long) ints * 8;
        long mantissa = mantissaAddress;
        for (int i = 0; i < n; i++) {
            long out = outAddress + (long) i * 8;
            if (mantissaSet[i] != 0) {
                if (doubleSet[i] != 0) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "value and value_int both set in one row");
                }
                double divisor = Double.longBitsToDouble(MemoryUtil.getLong(divisorAddress + (long) i * 8));
                MemoryUtil.putLong(out, Double.doubleToRawLongBits((double) MemoryUtil.getLong(mantissa) / divisor));
                mantissa += 8;
            } else {
                MemoryUtil.putLong(out, MemoryUtil.getLong(read));
                read += 8;
            }
        }
    }

    public void finish() throws IOException {
        doubles.finish();
        mantissas.finish();
        divisors.finish();
    }

    @Override
    public void close() {
        doubles.close();
        mantissas.close();
        divisors.close();
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }
}
