package dev.strata.storage.part.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet codecs on zstd-jni, so that neither writing nor reading loads Hadoop's codec classes
 * (parquet-java's own factory goes through Hadoop's {@code Configuration}). Handles ZSTD and
 * UNCOMPRESSED, the only codecs Strata writes. Not thread-safe: one factory per writer.
 */
public final class ZstdCodecFactory implements CompressionCodecFactory {
    private final int level;
    private ZstdCompressor compressor;
    private ZstdDecompressor decompressor;

    public ZstdCodecFactory(int level) {
        this.level = level;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> {
                if (compressor == null) {
                    compressor = new ZstdCompressor(level);
                }
                yield compressor;
            }
            case UNCOMPRESSED -> Uncompressed.INSTANCE;
            default -> throw new IllegalArgumentException("unsupported codec " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> {
                if (decompressor == null) {
                    decompressor = new ZstdDecompressor();
                }
                yield decompressor;
            }
            case UNCOMPRESSED -> Uncompressed.INSTANCE;
            default -> throw new IllegalArgumentException("unsupported codec " + codec);
        };
    }

    @Override
    public void release() {
        if (compressor != null) {
            compressor.release();
            compressor = null;
        }
        if (decompressor != null) {
            decompressor.release();
            decompressor = null;
        }
    }

    private static final class ZstdCompressor implements BytesInputCompressor {
        private final ZstdCompressCtx ctx;

        ZstdCompressor(int level) {
            ctx = new ZstdCompressCtx();
            ctx.setLevel(level);
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(ctx.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            ctx.close();
        }
    }

    private static final class ZstdDecompressor implements BytesInputDecompressor {
        private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(ctx.decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
            ByteBuffer in = input.slice();
            in.limit(compressedSize);
            ByteBuffer out = output.slice();
            out.limit(uncompressedSize);
            ctx.decompress(out, in);
            output.position(output.position() + uncompressedSize);
        }

        @Override
        public void release() {
            ctx.close();
        }
    }

    private enum Uncompressed implements BytesInputCompressor, BytesInputDecompressor {
        INSTANCE;

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
}
