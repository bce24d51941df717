package dev.strata.ingest.promremote;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.LabelRules;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an uncompressed {@code prometheus.WriteRequest} (remote write 1.0) by hand, field
 * numbers from {@code prompb/remote.proto} and {@code prompb/types.proto}, over a
 * {@link WireReader} (protobuf-java's wire rules). No generated classes:
 * values go straight into primitive arrays, and a series seen before is resolved from the
 * {@link SeriesCache} by its encoded label bytes.
 *
 * <p>Validation follows Prometheus's receiver: a series without {@code __name__}, with an invalid
 * name or value, or with a duplicate label name is dropped and counted while the rest of the
 * request is kept. Labels may arrive in any order. Empty label values are dropped, since to
 * Prometheus an empty value means the label is absent. Exemplars and native histograms are
 * skipped and counted (not stored yet). Values keep their exact bits, so staleness markers
 * survive. Thread-safe.
 */
public final class RemoteWriteDecoder {
    // WriteRequest
    private static final int TIMESERIES = 1;
    private static final int METADATA = 3;
    // TimeSeries
    private static final int LABELS = 1;
    private static final int SAMPLES = 2;
    private static final int EXEMPLARS = 3;
    private static final int HISTOGRAMS = 4;

    private static final MetricType[] METRIC_TYPES = MetricType.values();

    private final IngestLimits limits;
    private final SeriesCache cache;
    private final LabelStrings strings = new LabelStrings(4096);

    public RemoteWriteDecoder(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.cache = new SeriesCache(limits.seriesCacheEntries());
    }

    /**
     * What one request decoded to.
     *
     * @param batch the valid series and the metadata
     * @param rejectedSamples samples of series dropped for their labels
     * @param firstRejection why the first series was dropped, or null
     * @param skippedHistograms native histogram samples skipped (not stored yet)
     * @param skippedExemplars exemplars skipped (not stored yet)
     * @param maxTimestampMillis the latest sample timestamp, {@link Long#MIN_VALUE} without samples
     */
    public record Result(SampleBatch batch, long rejectedSamples, String firstRejection,
            long skippedHistograms, long skippedExemplars, long maxTimestampMillis) {}

    /** Decodes {@code length} bytes of {@code buf} from offset 0. */
    public Result decode(byte[] buf, int length) {
        State state = new State(length);
        WireReader in = new WireReader(buf, 0, length);
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (tag == ((TIMESERIES << 3) | WireReader.LENGTH_DELIMITED)) {
                int end = in.end(in.readVarint32());
                int outer = in.limit();
                in.setLimit(end);
                readSeries(in, buf, state);
                in.setLimit(outer);
            } else if (tag == ((METADATA << 3) | WireReader.LENGTH_DELIMITED)) {
                int end = in.end(in.readVarint32());
                int outer = in.limit();
                in.setLimit(end);
                readMetadata(in, buf, state);
                in.setLimit(outer);
            } else {
                in.skipField(tag, TIMESERIES, METADATA);
            }
        }
        return new Result(new SampleBatch(state.series, state.metadata), state.rejectedSamples, state.firstRejection,
                state.skippedHistograms, state.skippedExemplars, state.maxTimestamp);
    }

    private void readSeries(WireReader in, byte[] buf, State st) {
        int labelsStart = -1;
        int labelsEnd = -1;
        boolean contiguous = true;
        int labelCount = 0;
        int sampleCount = 0;
        while (true) {
            int tagPos = in.position();
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case (LABELS << 3) | WireReader.LENGTH_DELIMITED -> {
                    int end = in.end(in.readVarint32());
                    if (labelsStart < 0) {
                        labelsStart = tagPos;
                    } else if (labelsEnd != tagPos) {
                        contiguous = false;
                    }
                    st.ensureLabelCapacity(labelCount + 1);
                    readLabel(in, end, st, labelCount);
                    labelCount++;
                    labelsEnd = end;
                }
                case (SAMPLES << 3) | WireReader.LENGTH_DELIMITED -> {
                    int size = in.readVarint32();
                    int end = in.end(size);
                    st.ensureSampleCapacity(sampleCount + 1);
                    if (!fastSample(buf, in.position(), size, st, sampleCount)) {
                        readSample(in, end, st, sampleCount);
                    }
                    in.seek(end);
                    sampleCount++;
                }
                case (EXEMPLARS << 3) | WireReader.LENGTH_DELIMITED -> {
                    in.skipBytes(in.readVarint32());
                    st.skippedExemplars++;
                }
                case (HISTOGRAMS << 3) | WireReader.LENGTH_DELIMITED -> {
                    in.skipBytes(in.readVarint32());
                    st.skippedHistograms++;
                }
                default -> in.skipField(tag, LABELS, HISTOGRAMS);
            }
        }
        if (sampleCount == 0) {
            return;
        }
        Labels labels = null;
        int hash = 0;
        if (contiguous && labelCount > 0) {
            hash = SeriesCache.hash(buf, labelsStart, labelsEnd - labelsStart);
            labels = cache.get(buf, labelsStart, labelsEnd - labelsStart, hash);
        }
        if (labels == null) {
            labels = buildLabels(buf, st, labelCount, sampleCount);
            if (labels == null) {
                return;
            }
            if (contiguous && labelCount > 0) {
                cache.put(buf, labelsStart, labelsEnd - labelsStart, hash, labels);
            }
        }
        long maxTs = st.maxTimestamp;
        for (int i = 0; i < sampleCount; i++) {
            maxTs = Math.max(maxTs, st.timestamps[i]);
        }
        st.maxTimestamp = maxTs;
        st.series.add(new SeriesSamples(labels, Arrays.copyOf(st.timestamps, sampleCount),
                Arrays.copyOf(st.values, sampleCount), sampleCount));
    }

    /** Sample{value=1 (double), timestamp=2 (int64)} in any order, fields omitted when zero. */
    private static void readSample(WireReader in, int end, State st, int index) {
        int outer = in.limit();
        in.setLimit(end);
        double value = 0;
        long timestamp = 0;
        while (true) {
            int t = in.readTag();
            if (t == 0) {
                break;
            }
            if (t == ((1 << 3) | WireReader.FIXED64)) {
                value = Double.longBitsToDouble(in.readFixed64());
            } else if (t == ((2 << 3) | WireReader.VARINT)) {
                timestamp = in.readVarint64();
            } else {
                in.skipField(t, 1, 2);
            }
        }
        in.setLimit(outer);
        st.timestamps[index] = timestamp;
        st.values[index] = value;
    }

    /**
     * The common Sample encoding, {@code 0x09 <8-byte double> 0x10 <varint>}, read straight from
     * the array; anything else (a field omitted because it is zero, another order) returns false
     * and takes the general path.
     */
    private static boolean fastSample(byte[] buf, int pos, int size, State st, int index) {
        int end = pos + size;
        if (size < 11 || size > 19 || end > st.length || buf[pos] != 0x09 || buf[pos + 9] != 0x10) {
            return false;
        }
        long bits = (buf[pos + 1] & 0xffL) | (buf[pos + 2] & 0xffL) << 8 | (buf[pos + 3] & 0xffL) << 16
                | (buf[pos + 4] & 0xffL) << 24 | (buf[pos + 5] & 0xffL) << 32 | (buf[pos + 6] & 0xffL) << 40
                | (buf[pos + 7] & 0xffL) << 48 | (buf[pos + 8] & 0xffL) << 56;
        long ts = 0;
        int shift = 0;
        int q = pos + 10;
        while (true) {
            byte b = buf[q++];
            ts |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
            shift += 7;
            if (q == end) {
                return false;
            }
        }
        if (q != end) {
            return false;
        }
        st.timestamps[index] = ts;
        st.values[index] = Double.longBitsToDouble(bits);
        return true;
    }

    /** Reads Label{name=1, value=2} ending at {@code end}, recording byte ranges only. */
    private static void readLabel(WireReader in, int end, State st, int index) {
        int outer = in.limit();
        in.setLimit(end);
        int nameOff = in.position();
        int nameLen = 0;
        int valueOff = nameOff;
        int valueLen = 0;
        while (true) {
            int t = in.readTag();
            if (t == 0) {
                break;
            }
            if (t == ((1 << 3) | WireReader.LENGTH_DELIMITED)) {
                nameLen = in.readVarint32();
                nameOff = in.position();
                in.skipBytes(nameLen);
            } else if (t == ((2 << 3) | WireReader.LENGTH_DELIMITED)) {
                valueLen = in.readVarint32();
                valueOff = in.position();
                in.skipBytes(valueLen);
            } else {
                in.skipField(t, 1, 2);
            }
        }
        in.setLimit(outer);
        int[] r = st.labelRanges;
        r[index * 4] = nameOff;
        r[index * 4 + 1] = nameLen;
        r[index * 4 + 2] = valueOff;
        r[index * 4 + 3] = valueLen;
    }

    /** Validates and builds the label set, or records the rejection and returns null. */
    private Labels buildLabels(byte[] buf, State st, int labelCount, int sampleCount) {
        int[] r = st.labelRanges;
        Labels.Builder builder = Labels.builder();
        int added = 0;
        String metricName = null;
        for (int i = 0; i < labelCount; i++) {
            int nameOff = r[i * 4];
            int nameLen = r[i * 4 + 1];
            int valueOff = r[i * 4 + 2];
            int valueLen = r[i * 4 + 3];
            if (!LabelRules.isValidLabelName(buf, nameOff, nameLen)) {
                String shown = new String(buf, nameOff, nameLen, StandardCharsets.UTF_8);
                return reject(st, sampleCount, "invalid label name \"" + shown + "\"");
            }
            String name = strings.get(buf, nameOff, nameLen, StandardCharsets.ISO_8859_1);
            if (nameLen > limits.maxLabelNameBytes()) {
                return reject(st, sampleCount, "label name too long: \"" + name + "\"");
            }
            if (valueLen > limits.maxLabelValueBytes()) {
                return reject(st, sampleCount, "label value too long for label \"" + name + "\"");
            }
            if (!LabelRules.isValidUtf8(buf, valueOff, valueLen)) {
                return reject(st, sampleCount, "label value of \"" + name + "\" is not valid UTF-8");
            }
            if (valueLen == 0) {
                continue;
            }
            String value = strings.get(buf, valueOff, valueLen, StandardCharsets.UTF_8);
            if (name.equals(Labels.METRIC_NAME)) {
                metricName = value;
            }
            builder.add(name, value);
            added++;
            if (builder.size() != added) {
                return reject(st, sampleCount, "duplicate label name \"" + name + "\"");
            }
        }
        if (metricName == null) {
            return reject(st, sampleCount, "series without metric name (__name__)");
        }
        if (!LabelRules.isValidMetricName(metricName)) {
            return reject(st, sampleCount, "invalid metric name \"" + metricName + "\"");
        }
        if (added > limits.maxLabelsPerSeries()) {
            return reject(st, sampleCount, "series " + metricName + " has " + added + " labels, more than the limit of "
                    + limits.maxLabelsPerSeries());
        }
        return builder.build();
    }

    private static Labels reject(State st, int sampleCount, String reason) {
        st.rejectedSamples += sampleCount;
        if (st.firstRejection == null) {
            st.firstRejection = reason;
        }
        return null;
    }

    /**
     * MetricMetadata{type=1, metric_family_name=2, help=4, unit=5}. Text is not required to be
     * UTF-8, as Prometheus's gogo-protobuf decoder does not check it either.
     */
    private static void readMetadata(WireReader in, byte[] buf, State st) {
        int type = 0;
        String family = "";
        String help = "";
        String unit = "";
        while (true) {
            int t = in.readTag();
            if (t == 0) {
                break;
            }
            switch (t) {
                case (1 << 3) | WireReader.VARINT -> type = in.readVarint32();
                case (2 << 3) | WireReader.LENGTH_DELIMITED -> family = readString(in, buf);
                case (4 << 3) | WireReader.LENGTH_DELIMITED -> help = readString(in, buf);
                case (5 << 3) | WireReader.LENGTH_DELIMITED -> unit = readString(in, buf);
                default -> in.skipField(t, 1, 5);
            }
        }
        if (family.isEmpty()) {
            return;
        }
        MetricType metricType = type >= 0 && type < METRIC_TYPES.length ? METRIC_TYPES[type] : MetricType.UNKNOWN;
        st.metadata.add(new MetricMetadata(family, metricType, help, unit));
    }

    private static String readString(WireReader in, byte[] buf) {
        int size = in.readVarint32();
        int start = in.position();
        in.skipBytes(size);
        return new String(buf, start, size, StandardCharsets.UTF_8);
    }

    /** Per-call scratch: reused arrays for one series at a time, and the batch being built. */
    private static final class State {
        final int length;
        final List<SeriesSamples> series = new ArrayList<>();
        final List<MetricMetadata> metadata = new ArrayList<>();
        long[] timestamps = new long[16];
        double[] values = new double[16];
        int[] labelRanges = new int[4 * 32];
        long rejectedSamples;
        String firstRejection;
        long skippedHistograms;
        long skippedExemplars;
        long maxTimestamp = Long.MIN_VALUE;

        State(int length) {
            this.length = length;
        }

        void ensureSampleCapacity(int n) {
            if (n > timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, Math.max(n, timestamps.length * 2));
                values = Arrays.copyOf(values, timestamps.length);
            }
        }

        void ensureLabelCapacity(int n) {
            if (n * 4 > labelRanges.length) {
                labelRanges = Arrays.copyOf(labelRanges, Math.max(n * 4, labelRanges.length * 2));
            }
        }
    }
}
