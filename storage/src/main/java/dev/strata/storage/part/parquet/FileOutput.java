package dev.strata.storage.part.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on a {@link FileChannel} that fsyncs the file when the writer closes
 * it, so a part is durable before {@code PartWriter.write} returns ({@code LocalOutputFile} does
 * not sync).
 */
public final class FileOutput implements OutputFile {
    private final Path path;

    public FileOutput(Path path) {
        this.path = requireNonNull(path, "path is null");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return open(StandardOpenOption.TRUNCATE_EXISTING);
    }

    private PositionOutputStream open(StandardOpenOption mode) throws IOException {
        return new ChannelStream(FileChannel.open(path, StandardOpenOption.CREATE, mode, StandardOpenOption.WRITE));
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    private static final class ChannelStream extends PositionOutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long position;

        ChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put((byte) b);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > buffer.remaining()) {
                drain();
                if (length > buffer.capacity()) {
                    ByteBuffer direct = ByteBuffer.wrap(bytes, offset, length);
                    while (direct.hasRemaining()) {
                        channel.write(direct);
                    }
                    position += length;
                    return;
                }
            }
            buffer.put(bytes, offset, length);
            position += length;
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            try (channel) {
                drain();
                channel.force(true);
            }
        }
    }
}
