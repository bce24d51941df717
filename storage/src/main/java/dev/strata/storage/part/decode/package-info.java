/**
 * Reading Parquet parts into Arrow without parquet-java's per-value readers: page iteration with
 * zstd-jni ({@link dev.strata.storage.part.decode.ColumnChunkPages}), tight loops for the
 * encodings the writer uses on 8-byte columns ({@link dev.strata.storage.part.decode.Int64Decoding},
 * {@link dev.strata.storage.part.decode.FixedWidthChunkDecoder}, which resumes mid-page so a row
 * group can be read in cache-sized slices, and decodes optional ones densely with their definition
 * levels), the join of the split {@code samples.value} columns into one
 * ({@link dev.strata.storage.part.decode.SplitValueDecoder}), text and string-map columns decoded
 * page by page straight into Arrow in any of the writer's text encodings
 * ({@link dev.strata.storage.part.decode.VarCharChunkDecoder},
 * {@link dev.strata.storage.part.decode.StringMapChunkDecoder}), and, for lists and structs,
 * parquet-java's record assembly writing straight into Arrow vectors
 * ({@link dev.strata.storage.part.decode.ArrowRecordMaterializer}). What a part's readers keep for
 * later reads of the same file, through a {@link dev.strata.storage.part.decode.PageCache}: chunks
 * decompressed ({@link dev.strata.storage.part.decode.CachedChunk}) and resume points inside delta
 * pages ({@link dev.strata.storage.part.decode.DeltaCheckpoints}). Why:
 * docs/decisions/0002-part-read-path.md, 0019-text-and-map-decoding.md and 0024-part-read-state-per-live-part.md.
 */
package dev.strata.storage.part.decode;
