/**
 * The API adapters shared by HTTP and gRPC: the ingest protocols and the gateway through which
 * every ingest endpoint writes. Sub-packages hold each API's endpoints and wire shapes.
 */
package dev.strata.server.api;
