/**
 * The PromQL compliance run: the compliance tester's 539 range queries over one synthetic,
 * demo-service-like data set remote-written into both a real Prometheus 2.42 and Strata, with the
 * answers compared by the tester's rules and failures held in a ratchet file.
 */
package dev.strata.tests.promql;
