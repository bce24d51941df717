/**
 * What every ingest protocol shares: the request limits ({@link dev.strata.ingest.pipeline.IngestLimits}),
 * capped decompression of bodies ({@link dev.strata.ingest.pipeline.Payloads}) and the label
 * naming rules ({@link dev.strata.ingest.pipeline.LabelRules}) a series or stream must pass
 * before it is written.
 */
package dev.strata.ingest.pipeline;
