/**
 * Hand-written fakes of the store and the ingest service, and {@code TestingServer}: the real
 * server on free ports over them, for tests of the HTTP and gRPC layers.
 */
package dev.strata.server.testing;
