package dev.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Counts operations against the current thread's CPU time, so a benchmark on an oversubscribed
 * machine can still report work per CPU-second (GC and JIT threads are not included).
 */
final class CpuMeter {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String unit;
    private long cpuAtStart;
    private long operations;

    CpuMeter(String unit) {
        this.unit = unit;
    }

    void start() {
        operations = 0;
        cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    void add(long n) {
        operations += n;
    }

    void report() {
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuAtStart) / 1e9;
        System.out.printf("%n  [cpu] %.3f M %s per CPU-second (%d %s, %.2f CPU-s)%n",
                operations / cpuSeconds / 1e6, unit, operations, unit, cpuSeconds);
    }
}
