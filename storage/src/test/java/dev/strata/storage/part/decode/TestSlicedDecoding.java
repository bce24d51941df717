package dev.strata.storage.part.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.error.StrataException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resumable readers (a page decoded in slices that stop mid-miniblock and mid-run) against
 * parquet-java's encoders as the independent truth, for every bit width.
 */
class TestSlicedDecoding {
    private static final int COUNT = 5_003;
    /** Slice sizes that cut miniblocks (32 values) and bit-packed groups (8 values) anywhere. */
    private static final int[] SLICES = {1, 3, 8, 31, 33, 1000, COUNT};
    /** (skip, read) pairs: a skip from the page start, runs cut anywhere, long skips over many miniblocks. */
    private static final int[][] SKIP_READ = {{1, 1}, {0, 5}, {3, 8}, {31, 33}, {33, 1}, {1000, 7}, {7, 1000}, {COUNT, 0},
            // past one or several checkpoints (every 1,024 values), landing on, just before and just after them
            {1024, 1}, {1025, 3}, {2047, 2}, {2048, 1}, {3000, 10}, {4096, 0}, {COUNT - 1, 1}};

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    static IntStream deltaWidths() {
        return IntStream.rangeClosed(0, 64);
    }

    static IntStream indexWidths() {
        return IntStream.rangeClosed(0, 32);
    }

    @ParameterizedTest
    @MethodSource("deltaWidths")
    void deltaBinaryPackedInSlicesMatchesParquetJava(int bitWidth) throws Exception {
        Random random = new Random(bitWidth);
        long mask = bitWidth == 64 ? -1L : (1L << bitWidth) - 1;
        long[] values = new long[COUNT];
        long v = 1_795_392_000_000L;
        for (int i = 0; i < COUNT; i++) {
            // every miniblock holds a delta of 0 and one of all ones, so it packs to exactly bitWidth bits
            long delta = i % 32 == 1 ? 0 : i % 32 == 2 ? mask : random.nextLong() & mask;
            v += delta + 7;
            values[i] = v;
        }
        DeltaBinaryPackingValuesWriterForLong writer = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 16,
                HeapByteBufferAllocator.getInstance());
        for (long value : values) {
            writer.writeLong(value);
        }
        byte[] encoded = padded(writer.getBytes().toByteArray());
        writer.close();
        for (int slice : SLICES) {
            DeltaBinaryPackedReader reader = new DeltaBinaryPackedReader();
            reader.start(encoded, 0, encoded.length - ColumnChunkPages.SLACK, COUNT);
            assertThat(inSlices(slice, (n, address) -> reader.read(n, address))).as("slice %d", slice).isEqualTo(values);
        }
        for (int[] pattern : SKIP_READ) {
            DeltaBinaryPackedReader reader = new DeltaBinaryPackedReader();
            reader.start(encoded, 0, encoded.length - ColumnChunkPages.SLACK, COUNT);
            assertSkipping(pattern, values, reader::skip, (n, address) -> reader.read(n, address));
        }
        // the same skips resumed at checkpoints (built once per page) land on the same values
        DeltaCheckpoints checkpoints = DeltaBinaryPackedReader.checkpoints(encoded, 0, encoded.length - ColumnChunkPages.SLACK, COUNT);
        assertThat(checkpoints.count()).isEqualTo((COUNT - 2) / 1024);
        for (int[] pattern : SKIP_READ) {
            DeltaBinaryPackedReader reader = new DeltaBinaryPackedReader();
            reader.start(encoded, 0, encoded.length - ColumnChunkPages.SLACK, COUNT);
            reader.useCheckpoints(checkpoints);
            assertSkipping(pattern, values, reader::skip, (n, address) -> reader.read(n, address));
        }
        // a page whose values end by the first checkpoint has none
        DeltaBinaryPackingValuesWriterForLong shortWriter = new DeltaBinaryPackingValuesWriterForLong(128, 4, 64, 1 << 16,
                HeapByteBufferAllocator.getInstance());
        for (int i = 0; i < 1025; i++) {
            shortWriter.writeLong(values[i]);
        }
        byte[] shortPage = padded(shortWriter.getBytes().toByteArray());
        shortWriter.close();
        assertThat(DeltaBinaryPackedReader.checkpoints(shortPage, 0, shortPage.length - ColumnChunkPages.SLACK, 1025)).isNull();
    }

    @ParameterizedTest
    @MethodSource("indexWidths")
    void dictionaryIndicesInSlicesMatchParquetJava(int bitWidth) throws Exception {
        int dictionarySize = 1 << Math.min(bitWidth, 12);
        long[] dictionary = new long[dictionarySize];
        Random random = new Random(bitWidth);
        for (int i = 0; i < dictionarySize; i++) {
            dictionary[i] = random.nextLong();
        }
        long[] expected = new long[COUNT];
        RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 16,
                HeapByteBufferAllocator.getInstance());
        for (int i = 0; i < COUNT; i++) {
            // long runs (RLE) and noise (bit-packed)
            int index = i % 1000 < 600 ? (i / 1000) % dictionarySize : random.nextInt(dictionarySize);
            encoder.writeInt(index);
            expected[i] = dictionary[index];
        }
        byte[] body = encoder.toBytes().toByteArray();
        encoder.close();
        byte[] encoded = new byte[body.length + 1 + ColumnChunkPages.SLACK];
        encoded[0] = (byte) bitWidth;
        System.arraycopy(body, 0, encoded, 1, body.length);
        for (int slice : SLICES) {
            DictionaryIndexReader reader = new DictionaryIndexReader();
            reader.start(encoded, 0, body.length + 1);
            assertThat(inSlices(slice, (n, address) -> reader.read(n, dictionary, dictionarySize, address)))
                    .as("slice %d", slice).isEqualTo(expected);
        }
        for (int[] pattern : SKIP_READ) {
            DictionaryIndexReader reader = new DictionaryIndexReader();
            reader.start(encoded, 0, body.length + 1);
            assertSkipping(pattern, expected, n -> reader.skip(n, dictionary, dictionarySize),
                    (n, address) -> reader.read(n, dictionary, dictionarySize, address));
        }
    }

    @Test
    void dictionaryIndexOutsideTheDictionaryIsCorrupt() {
        byte[] encoded = new byte[1 + 2 + ColumnChunkPages.SLACK];
        encoded[0] = 4;
        encoded[1] = 10 << 1; // RLE run of 10
        encoded[2] = 9; // index 9 of a 4-entry dictionary
        DictionaryIndexReader reader = new DictionaryIndexReader();
        reader.start(encoded, 0, 3);
        try (ArrowBuf out = allocator.buffer(80)) {
            assertThatThrownBy(() -> reader.read(10, new long[4], 4, out.memoryAddress()))
                    .isInstanceOf(StrataException.class).hasMessageContaining("dictionary index 9");
        }
    }

    @Test
    void byteStreamSplitInSlicesReassemblesBytePlanes() throws Exception {
        Random random = new Random(7);
        long[] values = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            values[i] = i % 5 == 0 ? 0x7ff0000000000002L : random.nextLong();
        }
        byte[] planes = new byte[COUNT * 8 + ColumnChunkPages.SLACK];
        for (int i = 0; i < COUNT; i++) {
            for (int k = 0; k < 8; k++) {
                planes[k * COUNT + i] = (byte) (values[i] >>> (8 * k));
            }
        }
        for (int slice : SLICES) {
            int[] from = {0};
            assertThat(inSlices(slice, (n, address) -> {
                Int64Decoding.byteStreamSplit(planes, 0, COUNT, from[0], n, address);
                from[0] += n;
            })).as("slice %d", slice).isEqualTo(values);
        }
    }

    private interface Skip {
        void skip(int n) throws Exception;
    }

    /**
     * Alternately skips {@code pattern[0]} and reads {@code pattern[1]} values to the end, checking
     * every value read against {@code expected} at its position (skips start mid-run and mid-miniblock).
     */
    private void assertSkipping(int[] pattern, long[] expected, Skip skip, Slice read) throws Exception {
        try (ArrowBuf out = allocator.buffer((long) pattern[1] * 8)) {
            int at = 0;
            while (at < COUNT) {
                int skipped = Math.min(pattern[0], COUNT - at);
                skip.skip(skipped);
                at += skipped;
                int n = Math.min(pattern[1], COUNT - at);
                if (n > 0) {
                    read.read(n, out.memoryAddress());
                    for (int i = 0; i < n; i++) {
                        assertThat(out.getLong((long) i * 8)).as("value %d, skip %d read %d", at + i, pattern[0], pattern[1])
                                .isEqualTo(expected[at + i]);
                    }
                }
                at += n;
            }
        }
    }

    private interface Slice {
        void read(int n, long address) throws Exception;
    }

    /** Reads COUNT values, {@code slice} at a time, each slice into the start of the same buffer. */
    private long[] inSlices(int slice, Slice read) throws Exception {
        long[] values = new long[COUNT];
        try (ArrowBuf out = allocator.buffer((long) slice * 8)) {
            for (int done = 0; done < COUNT; done += slice) {
                int n = Math.min(slice, COUNT - done);
                read.read(n, out.memoryAddress());
                for (int i = 0; i < n; i++) {
                    values[done + i] = out.getLong((long) i * 8);
                }
            }
        }
        return values;
    }

    private static byte[] padded(byte[] encoded) {
        return Arrays.copyOf(encoded, encoded.length + ColumnChunkPages.SLACK);
    }
}
