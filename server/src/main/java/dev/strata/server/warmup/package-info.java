/**
 * Start-up warm-up of the Prometheus query API: a throw-away store in a temporary directory,
 * filled with a small synthetic dataset and queried through the real handlers for a bounded
 * time, so that the first dashboard queries after a start do not run interpreted.
 */
package dev.strata.server.warmup;
