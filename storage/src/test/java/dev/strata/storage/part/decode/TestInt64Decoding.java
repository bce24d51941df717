package dev.strata.storage.part.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
