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
 * {@link FixedWidthChunkDecoder}: the mantissas are decoded densely to the front of the output, the
 * doubles and divisors to scratch memory; when every row is a mantissa (counters, decimal gauges)
 * they are converted in place, otherwise one backward pass interleaves them (the dense mantissa of
 * row i sits at or before i, so it is read before it could be overwritten). Not thread-safe; one
 * per reader.
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
        start(channel, doubleChunk, intChunk, divChunk, rows, null);
    }

    /** Like the other {@code start}, keeping the chunks decompressed and the delta pages' skip checkpoints in {@code pageCache} (null: none). */
    public void start(FileChannel channel, ColumnChunkMetaData doubleChunk, ColumnChunkMetaData intChunk, ColumnChunkMetaData divChunk,
            int rows, PageCache pageCache) throws IOException {
        doubles.start(channel, doubleChunk, rows, true, pageCache);
        mantissas.start(channel, intChunk, rows, true, pageCache);
        divisors.start(channel, divChunk, rows, false, pageCache);
    }

    /** The next {@code n} values, as raw double bits, to {@code outAddress}. */
    public void next(int n, long outAddress) throws IOException {
        // the level arrays decide: the allocator may round the scratch buffer up past n rows
        if (scratch == null || doubleSet.length < n) {
            if (scratch != null) {
                scratch.close();
            }
            scratch = allocator.buffer((long) n * 16);
            doubleSet = new byte[n];
            mantissaSet = new byte[n];
        }
        long doubleAddress = scratch.memoryAddress();
        long divisorAddress = doubleAddress + (long) n * 8;
        // mantissas densely to the front of the output, doubles densely to scratch
        int ints = mantissas.nextNullable(n, outAddress, mantissaSet, 0);
        int doublesSet = doubles.nextNullable(n, doubleAddress, doubleSet, 0);
        divisors.next(n, divisorAddress);
        if (doublesSet != n - ints) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "value and value_int set together or both null in " + n + " rows");
        }
        if (ints == n) {
            // the common case (counters, decimal gauges): convert in place
            for (int i = 0; i < n; i++) {
                long at = outAddress + (long) i * 8;
                MemoryUtil.putLong(at, Double.doubleToRawLongBits(join(MemoryUtil.getLong(at), MemoryUtil.getLong(divisorAddress + (long) i * 8))));
            }
            return;
        }
        // backwards, so that the dense mantissa at a <= i is read before row i is written
        int mantissa = ints - 1;
        int dbl = doublesSet - 1;
        for (int i = n - 1; i >= 0; i--) {
            long at = outAddress + (long) i * 8;
            if (mantissaSet[i] != 0) {
                if (doubleSet[i] != 0) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "value and value_int both set in one row");
                }
                long m = MemoryUtil.getLong(outAddress + (long) mantissa-- * 8);
                MemoryUtil.putLong(at, Double.doubleToRawLongBits(join(m, MemoryUtil.getLong(divisorAddress + (long) i * 8))));
            } else {
                MemoryUtil.putLong(at, MemoryUtil.getLong(doubleAddress + (long) dbl-- * 8));
            }
        }
    }

    /** Skips the next {@code n} rows of all three columns ({@link FixedWidthChunkDecoder#skip}). */
    public void skip(int n) throws IOException {
        doubles.skip(n);
        mantissas.skip(n);
        divisors.skip(n);
    }

    /** {@code SampleValues.join}: integers (divisor 1) skip the division, which gives the same bits. */
    private static double join(long mantissa, long divisorBits) {
        double divisor = Double.longBitsToDouble(divisorBits);
        return divisor == 1.0 ? (double) mantissa : (double) mantissa / divisor;
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
