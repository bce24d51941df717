package dev.strata.sql.format;

import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The one codec result files use. parquet-java's own factory builds a Hadoop {@code Configuration}
 * even for UNCOMPRESSED, which would need Hadoop at run time; this one needs nothing.
 */
enum UncompressedCodecFactory implements CompressionCodecFactory,
        CompressionCodecFactory.BytesInputCompressor, CompressionCodecFactory.BytesInputDecompressor {
    INSTANCE;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return require(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return require(codec);
    }

    private UncompressedCodecFactory require(CompressionCodecName codec) {
        if (codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("result files are written uncompressed, not " + codec);
        }
        return this;
    }

    @Override
    public BytesInput compress(BytesInput bytes) {
        return bytes;
    }

    @Override
    public CompressionCodecName getCodecName() {
        return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
        return bytes;
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
        ByteBuffer in = input.slice();
        in.limit(compressedSize);
        output.put(in);
    }

    @Override
    public void release() {
        // nothing held
    }
}
