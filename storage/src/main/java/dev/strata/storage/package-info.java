/**
 * The store: {@link dev.strata.storage.ColumnStore} ties the WAL, the head, sealed Parquet parts,
 * the manifest and the background jobs (seal, compaction, retention) into the one
 * {@link dev.strata.storage.Store} the server opens, configured by
 * {@link dev.strata.storage.StorageConfig}.
 */
package dev.strata.storage;
