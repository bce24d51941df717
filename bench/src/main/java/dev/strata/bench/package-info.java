/**
 * Benchmarks (JMH) and measurement programs; never run in CI. Data generators mirror the shared
 * peer-bench dataset ({@link dev.strata.bench.PeerBenchSamples}) and typical service logs
 * ({@link dev.strata.bench.SyntheticLogs}); figures and commands are in docs/benchmarks.md.
 */
package dev.strata.bench;
