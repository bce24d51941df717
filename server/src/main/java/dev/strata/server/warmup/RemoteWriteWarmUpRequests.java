package dev.strata.server.warmup;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/**
 * The write warm-up's remote-write 1.0 bodies (prompb {@code WriteRequest}, snappy block), shaped like
 * an agent's: latency histograms and request counters per job and instance, seven labels each.
 * Each body carries the next series of a {@value #SERIES}-series set, {@value #SAMPLES_PER_SERIES}
 * samples each, later than every earlier sample of that series: every sample is new, so the warm-up
 * runs the append path and not the duplicate check. Not thread-safe (a cursor over the set).
 */
final class RemoteWriteWarmUpRequests {
    static final int SERIES = 10_000;
    static final int SAMPLES_PER_SERIES = 10;
    static final long INTERVAL_MS = 10_000;
    private static final String[] JOBS = {"api", "web", "worker", "db"};
    private static final String[] LE = {"0.005", "0.01", "0.05", "0.1", "0.5", "1", "5", "+Inf"};

    private final long startMillis;
    private long cursor;

    /** @param startMillis the first sample's timestamp */
    RemoteWriteWarmUpRequests(long startMillis) {
        this.startMillis = startMillis;
    }

    /** The next request's compressed body, with the next {@code seriesCount} series of the set. */
    byte[] next(int seriesCount) {
        if (seriesCount < 1 || seriesCount > SERIES) {
            throw new IllegalArgumentException("series per request must be 1.." + SERIES + ": " + seriesCount);
        }
        byte[][] series = new byte[seriesCount][];
        int size = 0;
        for (int i = 0; i < seriesCount; i++) {
            long index = cursor++;
            // each pass over the set moves the series' timestamps past the previous pass's
            long pass = index / SERIES;
            series[i] = timeSeries((int) (index % SERIES), startMillis + pass * SAMPLES_PER_SERIES * INTERVAL_MS,
                    SAMPLES_PER_SERIES);
            size += CodedOutputStream.computeByteArraySize(1, series[i]);
        }
        byte[] raw = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(raw);
        try {
            for (byte[] s : series) {
                out.writeByteArray(1, s); // WriteRequest.timeseries = 1
            }
            out.checkNoSpaceLeft();
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How far the samples of {@code seriesWritten} series-writes reach past the start, in milliseconds. */
    static long spanMillis(long seriesWritten) {
        return (seriesWritten / SERIES + 1) * SAMPLES_PER_SERIES * INTERVAL_MS;
    }

    /** One prompb {@code TimeSeries}: labels sorted by name, then samples. */
    private static byte[] timeSeries(int id, long fromMillis, int samples) {
        String job = JOBS[id % JOBS.length];
        String instance = job + "-" + (id / JOBS.length % 25) + ":9100";
        // one of 100 kinds per job and instance; the handler label alone tells kinds of one metric apart
        int kind = id / (JOBS.length * 25);
        String[] labels;
        if (kind % 2 == 0) {
            labels = new String[] {"__name__", "http_request_duration_seconds_bucket", "handler", "/api/v" + (kind / 2),
                    "instance", instance, "job", job, "le", LE[kind % LE.length], "method", kind % 3 == 0 ? "GET" : "POST",
                    "region", "eu-" + (id % 3)};
        } else {
            labels = new String[] {"__name__", "http_requests_total", "code", kind % 4 == 1 ? "200" : "500", "handler",
                    "/api/v" + (kind / 2), "instance", instance, "job", job, "method", kind % 3 == 0 ? "GET" : "POST",
                    "region", "eu-" + (id % 3)};
        }
        byte[][] encodedLabels = new byte[labels.length / 2][];
        int size = 0;
        for (int i = 0; i < labels.length; i += 2) {
            byte[] label = label(labels[i], labels[i + 1]);
            encodedLabels[i / 2] = label;
            size += CodedOutputStream.computeByteArraySize(1, label);
        }
        for (int i = 0; i < samples; i++) {
            int sample = sampleSize(fromMillis + i * INTERVAL_MS);
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(sample) + sample;
        }
        byte[] out = new byte[size];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            for (byte[] label : encodedLabels) {
                stream.writeByteArray(1, label); // TimeSeries.labels = 1
            }
            for (int i = 0; i < samples; i++) {
                long ts = fromMillis + i * INTERVAL_MS;
                stream.writeTag(2, 2); // TimeSeries.samples = 2, length-delimited
                stream.writeUInt32NoTag(sampleSize(ts));
                stream.writeDouble(1, (id % 97) * 1.5 + i); // Sample.value = 1
                stream.writeInt64(2, ts); // Sample.timestamp = 2
            }
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int sampleSize(long ts) {
        return CodedOutputStream.computeDoubleSize(1, 0) + CodedOutputStream.computeInt64Size(2, ts);
    }

    private static byte[] label(String name, String value) {
        byte[] out = new byte[CodedOutputStream.computeStringSize(1, name) + CodedOutputStream.computeStringSize(2, value)];
        CodedOutputStream stream = CodedOutputStream.newInstance(out);
        try {
            stream.writeString(1, name); // Label.name = 1
            stream.writeString(2, value); // Label.value = 2
            stream.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
