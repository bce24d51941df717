/**
 * OTLP/HTTP endpoints and the {@code Export*ServiceResponse} messages shared with the OTLP/gRPC
 * services.
 */
package dev.strata.server.api.otlp;
