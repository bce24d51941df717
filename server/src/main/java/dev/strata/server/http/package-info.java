/**
 * HTTP transport on Netty: HTTP/1.1 and h2c on every port, the {@link dev.strata.server.http.Router},
 * request and response values detached from Netty buffers, tenants, and
 * {@link dev.strata.server.http.ErrorResponses}, the single mapping of error categories to each
 * API's status codes and error envelopes.
 */
package dev.strata.server.http;
