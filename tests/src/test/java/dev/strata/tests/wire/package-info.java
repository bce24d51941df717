/**
 * Request encoders written from the protocols' schemas (field numbers of Prometheus's
 * {@code prompb} and Loki's {@code logproto}), so tests send exactly the bytes real clients send
 * and can also send precisely broken ones.
 */
package dev.strata.tests.wire;
