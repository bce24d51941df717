/**
 * The Strata process: command line, lifecycle and shutdown order ({@link dev.strata.server.ServerMain},
 * {@link dev.strata.server.StrataServer}), and the seam through which the store and ingest service
 * are plugged in ({@link dev.strata.server.BackendFactory}).
 */
package dev.strata.server;
