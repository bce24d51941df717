/**
 * The glue between parquet-java and Strata without Hadoop at run time: Arrow-to-Parquet schema
 * mapping (MAP, LIST, TIMESTAMP with UTC, STRING), the split storage of {@code samples.value}
 * ({@link dev.strata.storage.part.parquet.SampleValues}), a column-at-a-time writer over
 * parquet-java's column writers ({@link dev.strata.storage.part.parquet.ColumnarFileWriter}), a
 * row-wise {@code WriteSupport} over Arrow vectors for the nested tables, zstd-jni codecs and an
 * fsyncing output file. Why: docs/decisions/0003-part-encodings.md and 0015.
 */
package dev.strata.storage.part.parquet;
