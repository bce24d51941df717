/**
 * Start-up warm-ups before {@code /ready}, each against a throw-away store in a temporary
 * directory (never users' data): the Prometheus query API (a small synthetic dataset queried
 * through the real handlers) and the remote-write path (agent-shaped requests through a loopback
 * listener and the real pipeline), each for a bounded time, so that the first dashboard queries
 * and the first agents' writes after a start do not run interpreted.
 */
package dev.strata.server.warmup;
