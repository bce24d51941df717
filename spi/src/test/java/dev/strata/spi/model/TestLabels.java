package dev.strata.spi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestLabels {
    /** The documented definition, spelled out: FNV-1a over UTF-8 of name 0xff value 0xff ..., then SplitMix64. */
    private static long reference(String... sortedNamesAndValues) {
        long h = 0xcbf29ce484222325L;
        for (String s : sortedNamesAndValues) {
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }

    @Test
    void stableHashOfAsciiLabelsIsFnvOverUtf8() {
        Labels labels = Labels.of("job", "api", "__name__", "up", "instance", "a:9090");
        assertThat(labels.stableHash()).isEqualTo(reference("__name__", "up", "instance", "a:9090", "job", "api"));
    }

    @Test
    void stableHashOfNonAsciiLabelsHashesTheirUtf8Bytes() {
        // two-byte, three-byte and surrogate-pair chars, after and before ASCII, and a lone surrogate
        // (which UTF-8 encoding replaces with '?')
        String[] values = {"café", "größe-東京", "\uD83D\uDE00 ok", "x\uD800y", "ü"};
        for (String value : values) {
            Labels labels = Labels.of("__name__", "m", "city", value);
            assertThat(labels.stableHash()).as(value).isEqualTo(reference("__name__", "m", "city", value));
        }
    }

    @Test
    void stableHashIsFixedAcrossVersions() {
        // pinned: ids are stored in the WAL and in parts, so the function must never change
        // (value computed independently, with Python, from the definition above)
        assertThat(Labels.of("__name__", "up").stableHash()).isEqualTo(-3453692598847179288L);
        assertThat(Labels.EMPTY.stableHash()).isEqualTo(reference());
    }
}
