package dev.strata.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The scans of {@link PartScanBenchmark}, timed by process CPU time as well as wall time, because
 * on the shared 2-core box wall-clock throughput mostly measures the other tenants. Each path runs
 * {@code warmups} times, then {@code runs} times; medians are printed as rows per second. DuckDB
 * runs with the benchmark's thread setting, so its CPU figure covers all of its threads.
 * Usage: {@code PartScanCpuReport [runs] [warmups] [duckDbThreads] [vectorized,record,duckdb]}; run one
 * path per JVM for figures to quote (the spike saw paths sharing a JVM slow each other down).
 */
public final class PartScanCpuReport {
    private PartScanCpuReport() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PartScanBenchmark bench = new PartScanBenchmark();
        bench.duckDbThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        bench.writePart();
        try {
            java.util.List<String> paths = java.util.List.of((args.length > 3 ? args[3] : "vectorized,record,duckdb").split(","));
            System.out.println("| path | rows | median wall | rows/s (wall) | median CPU | rows/CPU-s |");
            System.out.println("|---|---|---|---|---|---|");
            if (paths.contains("vectorized")) {
                report("our reader, vectorized decoders", runs, warmups, bench::vectorized);
            }
            if (paths.contains("record")) {
                report("our reader, parquet-java record path", runs, warmups, bench::parquetJavaRecordPath);
            }
            if (paths.contains("duckdb")) {
                report("DuckDB read_parquet, threads=" + bench.duckDbThreads, runs, warmups, bench::duckDbReadParquet);
            }
        } finally {
            bench.delete();
        }
    }

    private interface Scan {
        double run() throws Exception;
    }

    private static void report(String name, int runs, int warmups, Scan scan) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += scan.run();
        }
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            sink += scan.run();
            wall[i] = System.nanoTime() - wall0;
            cpu[i] = os.getProcessCpuTime() - cpu0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        long rows = PartScanBenchmark.ROWS;
        double w = wall[runs / 2] / 1e9;
        double c = cpu[runs / 2] / 1e9;
        System.out.printf("| %s | %d | %.3f s | %.1f M | %.3f s | %.1f M |%n", name, rows, w, rows / w / 1e6, c, rows / c / 1e6);
        if (sink == 42) {
            System.out.println();
        }
    }
}
