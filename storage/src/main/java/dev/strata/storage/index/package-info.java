/**
 * Inverted label index: for each tenant and kind (series, log streams), postings lists
 * (RoaringBitmaps of dense ordinals) per label name and value, so label matchers resolve to
 * series or stream ids without touching samples or lines. Also answers the metadata queries of the
 * query APIs (label names, label values, series for matchers).
 */
package dev.strata.storage.index;
