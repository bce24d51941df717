/**
 * The scan side of the store ({@code TableSource}): turns a scan request into a consistent
 * snapshot of splits (head snapshots cut into slices of whole series, and sealed parts cut at row
 * groups, pruned by time range, part statistics and the label index), opens each as Arrow batches of the requested columns, fills
 * {@code samples.labels} from the series registry, and releases the snapshot's part references.
 */
package dev.strata.storage.scan;
