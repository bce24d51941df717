/**
 * The glue between parquet-java and Strata without Hadoop at run time: Arrow-to-Parquet schema
 * mapping (MAP, LIST, TIMESTAMP with UTC, STRING), a row-wise {@code WriteSupport} over Arrow
 * vectors, zstd-jni codecs and an fsyncing output file.
 */
package dev.strata.storage.part.parquet;
