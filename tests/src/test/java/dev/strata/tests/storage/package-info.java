/**
 * End-to-end durability tests of the store through the real server process: SIGKILL during
 * sustained ingest, restart on the same data directory, and DuckDB over the parts as the judge.
 */
package dev.strata.tests.storage;
