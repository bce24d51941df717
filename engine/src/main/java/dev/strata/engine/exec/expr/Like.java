package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * {@code s LIKE 'pattern'} with a constant pattern. Patterns of the forms {@code abc},
 * {@code abc%}, {@code %abc} and {@code %abc%} are matched on the UTF-8 bytes without decoding;
 * others through a compiled regular expression.
 */
final class Like extends VectorExpression {
    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, REGEX }

    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final VectorExpression operand;
    private final Shape shape;
    private final byte[] needle;
    private final Pattern pattern;
    private byte[] scratch = new byte[256];

    Like(VectorExpression operand, String likePattern, Character escape) {
        super(ValueKind.BOOLEAN);
        this.operand = operand;
        String core = likePattern;
        boolean leading = core.startsWith("%");
        boolean trailing = core.endsWith("%") && core.length() > (leading ? 1 : 0);
        if (leading) {
            core = core.substring(1);
        }
        if (trailing) {
            core = core.substring(0, core.length() - 1);
        }
        boolean simple = escape == null && core.indexOf('%') < 0 && core.indexOf('_') < 0;
        if (simple) {
            this.shape = leading && trailing ? Shape.CONTAINS : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX : Shape.EXACT;
            this.needle = core.getBytes(StandardCharsets.UTF_8);
            this.pattern = null;
        } else {
            this.shape = Shape.REGEX;
            this.needle = null;
            this.pattern = Pattern.compile(toRegex(likePattern, escape), Pattern.DOTALL);
        }
    }

    static String toRegex(String like, Character escape) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (escape != null && c == escape && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        BaseVariableWidthVector in = (BaseVariableWidthVector) operand.evaluate(batch).vector();
        boolean withNulls = in.getNullCount() > 0;
        result.reset(rows, withNulls);
        boolean[] out = result.booleans();
        var offsets = in.getOffsetBuffer();
        var data = in.getDataBuffer();
        if (rows == 0) {
            return result;
        }
        // the unchecked reads below stay within these bounds, checked once per batch
        if (offsets.capacity() < (long) (rows + 1) * 4 || data.capacity() < offsets.getInt((long) rows * 4)) {
            throw new IllegalStateException("string vector shorter than its offsets");
        }
        long offsetAddress = offsets.memoryAddress();
        long dataAddress = data.memoryAddress();
        for (int i = 0; i < rows; i++) {
            if (withNulls) {
                result.nulls()[i] = in.isNull(i);
                if (result.nulls()[i]) {
                    continue;
                }
            }
            int start = MemoryUtil.getInt(offsetAddress + (long) i * 4);
            int length = MemoryUtil.getInt(offsetAddress + (long) (i + 1) * 4) - start;
            out[i] = matches(dataAddress + start, length);
        }
        return result;
    }

    private boolean matches(long address, int length) {
        return switch (shape) {
            case EXACT -> length == needle.length && regionEquals(address);
            case PREFIX -> length >= needle.length && regionEquals(address);
            case SUFFIX -> length >= needle.length && regionEquals(address + length - needle.length);
            case CONTAINS -> contains(address, length);
            case REGEX -> {
                if (scratch.length < length) {
                    scratch = new byte[Math.max(length, scratch.length * 2)];
                }
                MemoryUtil.copyFromMemory(address, scratch, 0, length);
                yield pattern.matcher(new String(scratch, 0, length, StandardCharsets.UTF_8)).matches();
            }
        };
    }

    private boolean regionEquals(long address) {
        for (int j = 0; j < needle.length; j++) {
            if (MemoryUtil.getByte(address + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scans for the needle's first two bytes eight positions at a time (a word XOR a byte
     * broadcast has a zero byte where it matches; the lowest flagged byte is exact, higher ones are
     * checked anyway; the second byte is tested on the word one byte further on) and compares the
     * rest only there. Reads stay inside the value; Arrow memory is little-endian.
     */
    private boolean contains(long address, int length) {
        if (needle.length == 0) {
            return true;
        }
        byte first = needle[0];
        int last = length - needle.length;
        int i = 0;
        if (needle.length >= 2) {
            long firstBroadcast = (first & 0xFFL) * LOW_BITS;
            long secondBroadcast = (needle[1] & 0xFFL) * LOW_BITS;
            for (; i + 9 <= length && i <= last; i += 8) {
                long word = MemoryUtil.getLong(address + i) ^ firstBroadcast;
                long next = MemoryUtil.getLong(address + i + 1) ^ secondBroadcast;
                long zeros = (word - LOW_BITS) & ~word & (next - LOW_BITS) & ~next & HIGH_BITS;
                while (zeros != 0) {
                    int at = i + (Long.numberOfTrailingZeros(zeros) >>> 3);
                    if (at > last) {
                        return false;
                    }
                    if (regionEquals(address + at)) {
                        return true;
                    }
                    zeros &= zeros - 1;
                }
            }
        } else {
            long broadcast = (first & 0xFFL) * LOW_BITS;
            for (; i + 8 <= length && i <= last; i += 8) {
                long word = MemoryUtil.getLong(address + i) ^ broadcast;
                if (((word - LOW_BITS) & ~word & HIGH_BITS) != 0) {
                    // a one-byte needle: the lowest flagged byte is a match
                    return true;
                }
            }
        }
        for (; i <= last; i++) {
            if (MemoryUtil.getByte(address + i) == first && regionEquals(address + i)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        operand.close();
    }
}
