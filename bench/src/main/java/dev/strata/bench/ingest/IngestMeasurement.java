package dev.strata.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One bounded run: a fresh server, every request sent once over the configured connections,
 * then {@code /flush}; reports ingest throughput (wall-clock and per server CPU-second, the
 * server's utime + stime during the load), RSS after ingest, flush CPU, and bytes of the table's
 * parts against the payload's raw bytes.
 */
final class IngestMeasurement {
    private final RunOptions options;
    private final String table;
    private final String unit;

    IngestMeasurement(RunOptions options, String table, String unit) {
        this.options = requireNonNull(options, "options is null");
        this.table = requireNonNull(table, "table is null");
        this.unit = requireNonNull(unit, "unit is null");
    }

    void run(String label, List<EncodedRequest> requests) throws IOException, InterruptedException {
        long items = 0;
        long raw = 0;
        long wire = 0;
        for (EncodedRequest request : requests) {
            items += request.items();
            raw += request.rawBytes();
            wire += request.body().length;
        }
        Files.createDirectories(options.work());
        Path workDir = Files.createTempDirectory(options.work(), label + "-");
        try (StrataServer server = StrataServer.start(options.jar(), workDir, options.jvmOptions())) {
            double cpuBefore = server.cpuSeconds();
            double wall = new RequestSender(server.uri("/"), options.connections()).sendAll(requests);
            double cpuLoad = server.cpuSeconds() - cpuBefore;
            long rss = server.rssBytes();
            long flushStart = System.nanoTime();
            double cpuBeforeFlush = server.cpuSeconds();
            server.flush();
            double flushWall = (System.nanoTime() - flushStart) / 1e9;
            double cpuFlush = server.cpuSeconds() - cpuBeforeFlush;
            long partBytes = server.partBytes(table);
            System.out.printf("%n== %s (server pid %d, %d connections, data %s)%n", label, server.pid(),
                    options.connections(), workDir);
            System.out.printf("%s sent: %,d in %d requests; raw %,d bytes (%.1f B/%s); on the wire %,d bytes%n",
                    unit, items, requests.size(), raw, raw / (double) items, singular(unit), wire);
            System.out.printf("ingest: %.1f s wall, %.2f server CPU-s -> %,.0f %s/s wall, %,.0f %s per server CPU-second%n",
                    wall, cpuLoad, items / wall, unit, items / cpuLoad, unit);
            System.out.printf("server RSS after ingest: %.0f MiB%n", rss / 1048576.0);
            System.out.printf("flush: %.1f s wall, %.2f server CPU-s%n", flushWall, cpuFlush);
            System.out.printf("parts/%s: %,d bytes -> %.2f B/%s; raw/stored %.1f (stored/raw %.4f); data dir %,d bytes%n",
                    table, partBytes, partBytes / (double) items, singular(unit), raw / (double) partBytes,
                    partBytes / (double) raw, server.dataDirBytes());
            PartColumnSizes.print(workDir.resolve("data").resolve("parts").resolve(table), items);
            System.out.printf("RESULT\t%s\t%d\t%.3f\t%.3f\t%.0f\t%.0f\t%d\t%d\t%.2f\t%.4f\t%d%n", label, items, wall, cpuLoad,
                    items / wall, items / cpuLoad, raw, partBytes, partBytes / (double) items,
                    partBytes / (double) raw, rss);
        }
    }

    private static String singular(String unit) {
        return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }
}
