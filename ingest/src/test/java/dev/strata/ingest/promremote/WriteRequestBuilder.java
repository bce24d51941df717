package dev.strata.ingest.promremote;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/** Encodes a prometheus.WriteRequest with protobuf's own writer, field numbers from prompb. */
public final class WriteRequestBuilder {
    private final List<byte[]> messages = new ArrayList<>();
    private final List<Integer> fields = new ArrayList<>();

    /** A series from alternating label names and values, then (timestamp, value) samples. */
    public WriteRequestBuilder series(String[] labels, long[] timestamps, double[] values) {
        return series(labels, timestamps, values, 0);
    }

    public WriteRequestBuilder series(String[] labels, long[] timestamps, double[] values, int histograms) {
        byte[] ts = message(out -> {
            for (int i = 0; i < labels.length; i += 2) {
                String name = labels[i];
                String value = labels[i + 1];
                byte[] label = message(l -> {
                    l.writeString(1, name);
                    l.writeString(2, value);
                });
                out.writeByteArray(1, label);
            }
            for (int i = 0; i < timestamps.length; i++) {
                double v = values[i];
                long t = timestamps[i];
                out.writeByteArray(2, message(s -> {
                    s.writeDouble(1, v);
                    s.writeInt64(2, t);
                }));
            }
            for (int i = 0; i < histograms; i++) {
                out.writeByteArray(4, message(h -> h.writeInt64(15, 1000)));
            }
        });
        messages.add(ts);
        fields.add(1);
        return this;
    }

    public WriteRequestBuilder rawSeries(byte[] encodedTimeSeries) {
        messages.add(encodedTimeSeries);
        fields.add(1);
        return this;
    }

    public WriteRequestBuilder metadata(int type, String family, String help, String unit) {
        messages.add(message(m -> {
            m.writeEnum(1, type);
            m.writeString(2, family);
            m.writeString(4, help);
            m.writeString(5, unit);
        }));
        fields.add(3);
        return this;
    }

    public byte[] encode() {
        return message(out -> {
            for (int i = 0; i < messages.size(); i++) {
                out.writeByteArray(fields.get(i), messages.get(i));
            }
        });
    }

    public byte[] snappy() {
        try {
            return Snappy.compress(encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    public static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
