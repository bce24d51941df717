/**
 * The SQL catalog: one {@link dev.strata.engine.catalog.TelemetrySchema} per tenant over the
 * store's {@link dev.strata.spi.scan.TableSource}, its tables and the Arrow to SQL type mapping.
 */
package dev.strata.engine.catalog;
