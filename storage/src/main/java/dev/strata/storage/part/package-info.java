/**
 * Immutable Parquet parts: the stored schema of each table ({@link dev.strata.storage.part.StoredSchemas}),
 * the writer that seals sorted Arrow batches into a ZSTD Parquet file plus its sidecar index
 * ({@link dev.strata.storage.part.PartIndex}), and the reader that scans a part back into Arrow with
 * projection and row-group pruning. The rest of the store uses them only through
 * {@link dev.strata.storage.part.PartWriter} and {@link dev.strata.storage.part.PartReader}.
 * File layout: docs/format/parts.md.
 */
package dev.strata.storage.part;
