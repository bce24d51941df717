/**
 * Background maintenance of sealed parts: {@link dev.strata.storage.compact.CompactionJob} merges
 * a tenant's small parts of one table and day into one sorted, deduplicated part and swaps them
 * in the manifest atomically; {@link dev.strata.storage.compact.RetentionJob} drops parts whose
 * rows are all older than the table's (or tenant's) retention. Files leave the disk only after the
 * manifest no longer lists them and no scan snapshot holds them.
 */
package dev.strata.storage.compact;
