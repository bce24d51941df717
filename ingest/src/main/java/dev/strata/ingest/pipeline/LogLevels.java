package dev.strata.ingest.pipeline;

import dev.strata.spi.model.Labels;
import java.util.Locale;

/**
 * Works out the level of a log line, the way Loki's level discovery behaves (written from its
 * documented behaviour): an explicit level wins, first a stream label ({@code level},
 * {@code detected_level}, {@code severity}, {@code lvl}), then a structured-metadata entry of
 * those names; otherwise the line is inspected: a {@code level}-like key in JSON or logfmt, or
 * else the leftmost whole word that names a level ({@code ERROR}, {@code warn}, {@code INFO}...).
 * The result is one of {@code trace, debug, info, warn, error, fatal, unknown}.
 */
public final class LogLevels {
    public static final String UNKNOWN = "unknown";

    private static final String[] LEVEL_KEYS = {"level", "detected_level", "severity", "lvl", "loglevel", "log_level"};
    /** How far into a line to look for a level word; levels sit near the start. */
    private static final int SCAN_LIMIT = 1024;

    private LogLevels() {}

    /** The level from labels, metadata or the line; never null. */
    public static String detect(Labels streamLabels, Labels metadata, String line) {
        String explicit = fromLabels(streamLabels);
        if (explicit == null) {
            explicit = fromLabels(metadata);
        }
        if (explicit != null) {
            return explicit;
        }
        return fromLine(line);
    }

    private static String fromLabels(Labels labels) {
        for (int k = 0; k < LEVEL_KEYS.length; k++) {
            for (int i = 0; i < labels.size(); i++) {
                if (labels.name(i).equalsIgnoreCase(LEVEL_KEYS[k])) {
                    String normalized = normalize(labels.value(i));
                    if (normalized != null) {
                        return normalized;
                    }
                }
            }
        }
        return null;
    }

    /** Maps a level spelling to the normalised word, or null when it names no level. */
    public static String normalize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "trace", "trc", "finest", "finer" -> "trace";
            case "debug", "dbg", "debu", "fine", "config" -> "debug";
            case "info", "inf", "information", "informational", "notice" -> "info";
            case "warn", "warning", "wrn" -> "warn";
            case "error", "err", "eror", "severe" -> "error";
            case "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert", "dpanic" -> "fatal";
            default -> null;
        };
    }

    /** OTLP SeverityNumber ranges: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal. */
    public static String fromSeverityNumber(int number) {
        if (number <= 0 || number > 24) {
            return null;
        }
        return switch ((number - 1) / 4) {
            case 0 -> "trace";
            case 1 -> "debug";
            case 2 -> "info";
            case 3 -> "warn";
            case 4 -> "error";
            default -> "fatal";
        };
    }

    static String fromLine(String line) {
        int limit = Math.min(line.length(), SCAN_LIMIT);
        String keyed = fromKeyValue(line, limit);
        if (keyed != null) {
            return keyed;
        }
        int i = 0;
        while (i < limit) {
            while (i < limit && !Character.isLetter(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < limit && Character.isLetter(line.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len >= 3 && len <= 8) {
                String level = word(line, start, len);
                if (level != null) {
                    return level;
                }
            }
        }
        return UNKNOWN;
    }

    /** Only clear level words count as a level in free text ("err" alone would be too eager). */
    private static String word(String line, int start, int len) {
        String w = line.substring(start, start + len);
        String lower = w.toLowerCase(Locale.ROOT);
        boolean upper = w.equals(w.toUpperCase(Locale.ROOT));
        return switch (lower) {
            case "trace" -> "trace";
            case "debug" -> "debug";
            case "info" -> "info";
            case "warn", "warning" -> "warn";
            case "error" -> "error";
            case "err" -> upper ? "error" : null;
            case "fatal", "critical", "panic" -> "fatal";
            default -> null;
        };
    }

    /**
     * {@code "level":"warn"} (JSON) or {@code level=warn} (logfmt) near the start of the line, in
     * one pass: at every {@code =} or {@code :} the word before it is compared with the level keys.
     */
    private static String fromKeyValue(String line, int limit) {
        for (int i = 1; i < limit; i++) {
            char sep = line.charAt(i);
            if (sep != '=' && sep != ':') {
                continue;
            }
            int keyEnd = i;
            if (line.charAt(keyEnd - 1) == '"') {
                keyEnd--;
            }
            int keyStart = keyEnd;
            while (keyStart > 0 && isKeyChar(line.charAt(keyStart - 1)) && keyEnd - keyStart < 14) {
                keyStart--;
            }
            int keyLength = keyEnd - keyStart;
            if (keyLength < 3 || (keyStart > 0 && isKeyChar(line.charAt(keyStart - 1))) || !isLevelKey(line, keyStart, keyLength)) {
                continue;
            }
            int p = i + 1;
            while (p < limit && line.charAt(p) == ' ') {
                p++;
            }
            if (p < limit && line.charAt(p) == '"') {
                p++;
            }
            int start = p;
            while (p < limit && Character.isLetter(line.charAt(p))) {
                p++;
            }
            if (p > start) {
                String level = normalize(line.substring(start, p));
                if (level != null) {
                    return level;
                }
            }
        }
        return null;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLevelKey(String line, int start, int length) {
        for (String key : LEVEL_KEYS) {
            if (key.length() == length && line.regionMatches(true, start, key, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
