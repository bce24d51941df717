package dev.strata.storage.part;

import dev.strata.spi.error.StrataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads a Parquet footer without {@code ParquetFileReader} (whose read options always load Hadoop
 * classes, dependency-spike §4): the last 8 bytes give the Thrift footer's length and the
 * {@code PAR1} magic; parquet-java's converter turns the Thrift structs into its metadata model.
 */
final class PartFooter {
    private static final int MAGIC = 0x31524150; // "PAR1" little-endian

    private PartFooter() {}

    static ParquetMetadata read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "file of " + size + " bytes is not Parquet");
        }
        ByteBuffer tail = readFully(channel, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
        int length = tail.getInt(0);
        if (tail.getInt(4) != MAGIC || length <= 0 || length > size - 12) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "no Parquet footer");
        }
        ByteBuffer footer = readFully(channel, size - 8 - length, length);
        FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array(), 0, length));
        return new ParquetMetadataConverter().fromParquetMetadata(metadata);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "unexpected end of file");
            }
            at += read;
        }
        return buffer.flip();
    }
}
