/**
 * OTLP over gRPC (port 4317): the three Export services on grpc-netty-shaded, writing through the
 * same ingest gateway as OTLP/HTTP and mapping errors to gRPC status codes.
 */
package dev.strata.server.grpc;
