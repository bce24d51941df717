package dev.strata.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestServerMain {
    @TempDir
    Path dataDir;

    @Test
    void usageErrorsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(new String[] {"serve", "--bogus", "1"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("strata: unknown option: --bogus\nusage: strata serve");
    }

    @Test
    void withoutAStorageEngineServingFailsCleanlyInsteadOfPretending() {
        int exitCode = ServerMain.run(new String[] {"serve", "--data-dir", dataDir.toString(), "--http-port", "0",
                "--otlp-grpc-port", "0"}, System.err);
        assertThat(exitCode).isEqualTo(1);
    }
}
