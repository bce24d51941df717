/**
 * The write-ahead log: numbered segment files under {@code <data-dir>/wal/} holding
 * length-prefixed, CRC32C-checked records (series, samples, metadata, logs, spans; each for one
 * tenant). A single writer thread group-commits concurrent appends (one write and at most one
 * fsync per group), replay repairs a torn tail, and segments whose data is sealed into parts are
 * trimmed. The layout is specified in {@code docs/format/wal.md}.
 */
package dev.strata.storage.wal;
