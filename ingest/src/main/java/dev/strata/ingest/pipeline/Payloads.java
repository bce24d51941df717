package dev.strata.ingest.pipeline;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.spi.error.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.xerial.snappy.Snappy;

/**
 * Body decompression with a size cap. Every failure becomes a {@link StrataException}: corrupt
 * framing is {@link IngestErrorCode#MALFORMED_PAYLOAD}, a body that inflates past the limit is
 * {@link IngestErrorCode#BODY_TOO_LARGE} (checked while inflating, so a small bomb never
 * allocates its full size).
 */
public final class Payloads {
    private Payloads() {}

    /** A body not compressed at all, still held to the limit. */
    public static byte[] identity(byte[] body, long maxBytes) {
        if (body.length > maxBytes) {
            throw tooLarge(body.length, maxBytes);
        }
        return body;
    }

    /** Snappy block format (not framed), as remote write and Loki protobuf pushes send it. */
    public static byte[] snappyBlock(byte[] body, long maxBytes) {
        int length = snappyLength(body, maxBytes);
        byte[] out = new byte[length];
        snappyInto(body, out, length);
        return out;
    }

    /** The uncompressed length of a snappy block, refused when above {@code maxBytes}. */
    public static int snappyLength(byte[] body, long maxBytes) {
        int length;
        try {
            length = Snappy.uncompressedLength(body);
        } catch (IOException | RuntimeException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "snappy: corrupt input: " + e.getMessage(), e);
        }
        if (length < 0 || length > maxBytes) {
            throw tooLarge(Integer.toUnsignedLong(length), maxBytes);
        }
        return length;
    }

    /** Uncompresses a snappy block of {@code length} bytes (see {@link #snappyLength}) into {@code out} from 0. */
    public static void snappyInto(byte[] body, byte[] out, int length) {
        try {
            int written = Snappy.uncompress(body, 0, body.length, out, 0);
            if (written != length) {
                throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "snappy: corrupt input: length mismatch");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StrataException se) {
                throw se;
            }
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "snappy: corrupt input: " + e.getMessage(), e);
        }
    }

    public static byte[] gunzip(byte[] body, long maxBytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body), 8192)) {
            return readCapped(in, maxBytes, body.length * 4L);
        } catch (IOException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "gzip: " + e.getMessage(), e);
        }
    }

    /** Raw DEFLATE (RFC 1951), what Go's compress/flate reads for {@code Content-Encoding: deflate}. */
    public static byte[] inflate(byte[] body, long maxBytes) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length * 4));
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "deflate: unexpected end of stream");
                }
                if (out.size() + (long) n > maxBytes) {
                    throw tooLarge(out.size() + (long) n, maxBytes);
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "deflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes, long sizeHint) throws IOException {
        byte[] buf = new byte[(int) Math.min(Math.max(sizeHint, 256), Math.min(maxBytes + 1, 1 << 20))];
        int size = 0;
        while (true) {
            if (size == buf.length) {
                if (size > maxBytes) {
                    throw tooLarge(size, maxBytes);
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) size * 2, maxBytes + 1));
            }
            int n = in.read(buf, size, buf.length - size);
            if (n < 0) {
                break;
            }
            size += n;
            if (size > maxBytes) {
                throw tooLarge(size, maxBytes);
            }
        }
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    private static StrataException tooLarge(long size, long maxBytes) {
        return new StrataException(IngestErrorCode.BODY_TOO_LARGE,
                "decompressed body of at least " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
    }
}
