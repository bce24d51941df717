/**
 * Prometheus remote write 1.0: a hand-written decoder for the snappy-decompressed
 * {@code prometheus.WriteRequest}, built for the hot ingest path (primitive arrays, a lock-free
 * cache from encoded label bytes to validated label sets, no per-sample objects).
 */
package dev.strata.ingest.promremote;
