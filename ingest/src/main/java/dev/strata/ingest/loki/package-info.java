/**
 * Loki push ({@code POST /loki/api/v1/push}): JSON and snappy protobuf decoding, stream label
 * syntax, and the per-stream and per-entry validation Loki's distributor applies, with
 * {@code service_name} discovery and level detection.
 */
package dev.strata.ingest.loki;
