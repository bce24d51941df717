package dev.strata.storage.manifest;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Generates part ids as ULIDs: 48 bits of Unix milliseconds then 80 random bits, in Crockford
 * base32 (26 characters), so ids sort by creation time. Time and randomness are injected.
 * Thread-safe.
 */
public final class PartIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long lastHigh;
    private long lastLow;

    public PartIds(Clock clock, RandomGenerator random) {
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
    }

    public synchronized String next() {
        long millis = clock.millis();
        long high;
        long low;
        if (millis <= lastMillis) {
            // same (or an earlier, fixed) millisecond: increment, so ids stay unique and ordered
            millis = lastMillis;
            low = lastLow + 1;
            high = lastHigh + (low == 0 ? 1 : 0);
        } else {
            high = random.nextLong() & 0xFFFFL; // 16 of the 80 random bits
            low = random.nextLong();
        }
        lastMillis = millis;
        lastHigh = high;
        lastLow = low;
        char[] out = new char[26];
        // 128 bits: millis(48) | high(16) | low(64); base32 from the least significant end
        long w0 = low;
        long w1 = ((millis & 0xFFFF_FFFF_FFFFL) << 16) | (high & 0xFFFF);
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (w0 & 31)];
            w0 = (w0 >>> 5) | ((w1 & 31) << 59);
            w1 >>>= 5;
        }
        return new String(out);
    }
}
