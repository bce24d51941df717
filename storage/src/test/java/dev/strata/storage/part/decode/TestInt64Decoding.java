package dev.strata.storage.part.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our loops against parquet-java's own encoders as the independent truth. */
class TestInt64Decoding {
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 31, 32, 33, 129, 1000, 20_001})
    void deltaBinaryPackedMatchesParquetJava(int count) throws Exception {
        Random random = new Random(count);
        long[] values = new long[count];
        long t = 1_795_392_000_000L;
        for (int i = 0; i < count; i++) {
            // mixes regular steps (bit width 0), jitter, resets and full 64-bit jumps (widths > 56)
            int kind = random.nextInt(100);
            t = kind < 60 ? t + 10_000 : kind < 90 ? t + random.nextInt(20_000) : kind < 97 ? t - random.nextInt(1 << 30) : random.nextLong();
            values[i] = t;
        }
        DeltaBinaryPackingValuesWriterForLong writer = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 16,
                HeapByteBufferAllocator.getInstance());
        for (long v : values) {
            writer.writeLong(v);
        }
        byte[] encoded = writer.getBytes().toByteArray();
        writer.close();

        assertThat(decode(encoded, count, (in, address) -> Int64Decoding.deltaBinaryPacked(in, 0, encoded.length, count, address)))
                .isEqualTo(values);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 17})
    void dictionaryIndicesMatchParquetJava(int bitWidth) throws Exception {
        int dictionarySize = 1 << bitWidth > 1 << 17 ? 1 << 17 : 1 << bitWidth;
        long[] dictionary = new long[dictionarySize];
        Random random = new Random(bitWidth);
        for (int i = 0; i < dictionarySize; i++) {
            dictionary[i] = random.nextLong();
        }
        int count = 10_000;
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            // long runs (RLE) and noise (bit-packed)
            indices[i] = i % 1000 < 600 ? (i / 1000) % dictionarySize : random.nextInt(dictionarySize);
        }
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 16,
                HeapByteBufferAllocator.getInstance());
        for (int index : indices) {
            encoder.writeInt(index);
        }
        byte[] body = encoder.toBytes().toByteArray();
        encoder.close();
        byte[] encoded = new byte[body.length + 1];
        encoded[0] = (byte) bitWidth;
        System.arraycopy(body, 0, encoded, 1, body.length);
        long[] expected = new long[count];
        for (int i = 0; i < count; i++) {
            expected[i] = dictionary[indices[i]];
        }

        assertThat(decode(encoded, count, (in, address) -> Int64Decoding.dictionaryIndices(in, 0, encoded.length, count,
                dictionary, dictionarySize, address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8, 9, 64, 1003})
    void byteStreamSplitReassemblesBytePlanes(int count) {
        Random random = new Random(count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = i % 5 == 0 ? 0x7ff0000000000002L : i % 5 == 1 ? 0x0102030405060708L : random.nextLong();
        }
        byte[] planes = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                planes[k * values.length + i] = (byte) (values[i] >>> (8 * k));
            }
        }
        assertThat(decode(planes, values.length, (in, address) -> Int64Decoding.byteStreamSplit(in, 0, values.length, address)))
                .isEqualTo(values);
    }

    private interface Decode {
        void into(byte[] in, long address) throws Exception;
    }

    private long[] decode(byte[] encoded, int count, Decode decode) {
        byte[] padded = Arrays.copyOf(encoded, encoded.length + ColumnChunkPages.SLACK);
        try (ArrowBuf out = allocator.buffer(Math.max(8, (long) count * 8))) {
            decode.into(padded, out.memoryAddress());
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = out.getLong((long) i * 8);
            }
            return values;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
