/** Real Prometheus clients (promtool) against a running Strata's Prometheus HTTP API. */
package dev.strata.tests.prometheus;
