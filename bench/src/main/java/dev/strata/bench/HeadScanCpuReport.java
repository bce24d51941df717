package dev.strata.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.storage.head.Head;
import dev.strata.storage.head.HeadBatchReader;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.head.TenantRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The head's side of {@link PartScanCpuReport}: the peer-bench samples (10,000 series x 720)
 * appended to a head the way remote write fills it (10 samples per series per request, series
 * interleaved), then scanned as the engine scans it — {@code count, sum(value), max(series_id)}
 * over half the time range, and over all of it — through {@link HeadBatchReader} with the store's
 * default batch size, projecting {@code series_id, ts, value} as the part report does. Prints the
 * head's heap estimate and rows of the head per CPU-second, process and scanning thread (median
 * of {@code runs} after {@code warmups}; for the thread also the fastest run, the steadier figure
 * on a loaded machine). Usage: {@code HeadScanCpuReport [runs] [warmups]}.
 */
public final class HeadScanCpuReport {
    private static final int SAMPLES_PER_SERIES = 720;
    private static final int PER_REQUEST = 10;
    private static final int BATCH_ROWS = 8192;

    private HeadScanCpuReport() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PeerBenchSamples samples = new PeerBenchSamples(20, SAMPLES_PER_SERIES, 42);
        int seriesCount = samples.seriesCount();
        long[] ids = new long[seriesCount];
        String[] metrics = new String[seriesCount];
        long[][] ts = new long[seriesCount][SAMPLES_PER_SERIES];
        double[][] values = new double[seriesCount][SAMPLES_PER_SERIES];
        try (BufferAllocator allocator = new RootAllocator()) {
            VectorSchemaRoot[] holder = new VectorSchemaRoot[1];
            Iterator<VectorSchemaRoot> batches = samples.batches(allocator, 1 << 16, holder);
            long row = 0;
            while (batches.hasNext()) {
                VectorSchemaRoot root = batches.next();
                BigIntVector idVector = (BigIntVector) root.getVector("series_id");
                VarCharVector metricVector = (VarCharVector) root.getVector("metric");
                TimeStampVector tsVector = (TimeStampVector) root.getVector("ts");
                Float8Vector valueVector = (Float8Vector) root.getVector("value");
                for (int i = 0; i < root.getRowCount(); i++, row++) {
                    int s = (int) (row / SAMPLES_PER_SERIES);
                    int t = (int) (row % SAMPLES_PER_SERIES);
                    ids[s] = idVector.get(i);
                    metrics[s] = new String(metricVector.get(i), StandardCharsets.UTF_8);
                    ts[s][t] = tsVector.get(i);
                    values[s][t] = valueVector.get(i);
                }
            }
            holder[0].close();
        }
        TenantRegistry registry = new TenantRegistry("bench");
        Head head = new Head(0);
        TenantHead tenantHead = head.tenant("bench");
        int[] ordinals = new int[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            int o = registry.series().resolve(ids[s], Labels.of("__name__", metrics[s], "series", Long.toString(ids[s])));
            ordinals[s] = o < 0 ? -o - 1 : o;
        }
        long bytes = 0;
        for (int from = 0; from < SAMPLES_PER_SERIES; from += PER_REQUEST) {
            for (int s = 0; s < seriesCount; s++) {
                bytes += tenantHead.appendSamples(ordinals[s], ts[s], values[s], from, PER_REQUEST, ts[s][from],
                        ts[s][from + PER_REQUEST - 1]);
            }
        }
        long rows = (long) seriesCount * SAMPLES_PER_SERIES;
        System.out.printf("head: %,d rows, estimated %,d bytes (%.2f B/row)%n", rows, bytes, (double) bytes / rows);
        long start = PeerBenchSamples.START_MILLIS;
        TimeRange half = new TimeRange(TimeRange.millisToNanos(start + 1_800_000), TimeRange.millisToNanos(start + 5_400_000));
        System.out.println("| range | rows of the head | matched | median wall | median process CPU | head rows/CPU-s | median thread CPU"
                + " | head rows/thread-CPU-s | same, fastest run |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        try (BufferAllocator allocator = new RootAllocator()) {
            report("half", half, tenantHead, registry, allocator, rows, runs, warmups);
            report("all", TimeRange.ALL, tenantHead, registry, allocator, rows, runs, warmups);
        }
    }

    private static void report(String name, TimeRange range, TenantHead head, TenantRegistry registry, BufferAllocator allocator,
            long rows, int runs, int warmups) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long matched = 0;
        for (int i = 0; i < warmups; i++) {
            matched = scan(head, registry, range, allocator)[0];
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long[] threadCpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long cpu0 = os.getProcessCpuTime();
            long thread0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            scan(head, registry, range, allocator);
            wall[i] = System.nanoTime() - wall0;
            threadCpu[i] = threads.getCurrentThreadCpuTime() - thread0;
            cpu[i] = os.getProcessCpuTime() - cpu0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(threadCpu);
        long medianCpu = Math.max(cpu[runs / 2], 1);
        long medianThread = Math.max(threadCpu[runs / 2], 1);
        long minThread = Math.max(threadCpu[0], 1);
        System.out.printf("| %s | %,d | %,d | %.1f ms | %.1f ms | %.1f M | %.1f ms | %.1f M | %.1f M |%n", name, rows, matched,
                wall[runs / 2] / 1e6, medianCpu / 1e6, rows / (medianCpu / 1e9) / 1e6, medianThread / 1e6, rows / (medianThread / 1e9) / 1e6,
                rows / (minThread / 1e9) / 1e6);
    }

    /**
     * count, sum(value) as long bits, max(series_id) of the rows in range, read from the vectors'
     * memory with the loop {@link PartScanBenchmark}'s vectorized path uses ({@link SampleColumnsTally}),
     * so the two reports differ only in the reader.
     */
    private static long[] scan(TenantHead head, TenantRegistry registry, TimeRange range, BufferAllocator allocator) {
        SampleColumnsTally tally = new SampleColumnsTally(Math.floorDiv(range.startNanos(), 1_000_000L),
                Math.floorDiv(range.endNanos(), 1_000_000L));
        try (HeadBatchReader reader = HeadBatchReader.samples(head.snapshotSamples(null), registry, List.of("series_id", "ts", "value"),
                range, BATCH_ROWS, allocator)) {
            while (reader.loadNext()) {
                tally.add(reader.root());
            }
        }
        return new long[] {tally.count, Double.doubleToLongBits(tally.sum), tally.maxId};
    }
}
