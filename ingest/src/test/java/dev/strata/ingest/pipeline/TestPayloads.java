package dev.strata.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.spi.error.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class TestPayloads {
    private static final byte[] DATA = "hello, compressed world ✓ ".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void roundTripsEveryEncoding() throws IOException {
        assertThat(Payloads.snappyBlock(Snappy.compress(DATA), DATA.length)).isEqualTo(DATA);
        assertThat(Payloads.gunzip(gzip(DATA), DATA.length)).isEqualTo(DATA);
        assertThat(Payloads.inflate(deflate(DATA), DATA.length)).isEqualTo(DATA);
        assertThat(Payloads.identity(DATA, DATA.length)).isSameAs(DATA);
    }

    @Test
    void capsTheDecompressedSize() throws IOException {
        byte[] bomb = new byte[10 << 20];
        assertCode(() -> Payloads.snappyBlock(Snappy.compress(bomb), 1 << 20), IngestErrorCode.BODY_TOO_LARGE);
        assertCode(() -> Payloads.gunzip(gzip(bomb), 1 << 20), IngestErrorCode.BODY_TOO_LARGE);
        assertCode(() -> Payloads.inflate(deflate(bomb), 1 << 20), IngestErrorCode.BODY_TOO_LARGE);
        assertCode(() -> Payloads.identity(DATA, 10), IngestErrorCode.BODY_TOO_LARGE);
    }

    @Test
    void refusesCorruptFraming() throws IOException {
        byte[] gz = gzip(DATA);
        assertCode(() -> Payloads.gunzip(Arrays.copyOf(gz, gz.length / 2), 1 << 20), IngestErrorCode.MALFORMED_PAYLOAD);
        assertCode(() -> Payloads.gunzip(DATA, 1 << 20), IngestErrorCode.MALFORMED_PAYLOAD);
        byte[] sn = Snappy.compress(DATA);
        assertCode(() -> Payloads.snappyBlock(Arrays.copyOf(sn, sn.length / 2), 1 << 20), IngestErrorCode.MALFORMED_PAYLOAD);
        byte[] df = deflate(DATA);
        assertCode(() -> Payloads.inflate(Arrays.copyOf(df, df.length / 2), 1 << 20), IngestErrorCode.MALFORMED_PAYLOAD);
        assertCode(() -> Payloads.inflate(new byte[] {(byte) 0xff, (byte) 0xff}, 1 << 20), IngestErrorCode.MALFORMED_PAYLOAD);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, IngestErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code.toErrorCode()));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(6, true))) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
