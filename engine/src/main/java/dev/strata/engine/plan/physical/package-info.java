/**
 * The {@code COLUMNAR} convention: physical relational nodes that implement themselves as
 * vectorized operator factories ({@link dev.strata.engine.plan.physical.ColumnarRel}), the scan
 * with what was pushed into the store, and the converter into Calcite's enumerable convention for
 * everything the columnar operators do not cover.
 */
package dev.strata.engine.plan.physical;
