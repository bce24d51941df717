/**
 * The query planner: the phases that turn any front-end's {@code RelRoot} into a physical plan of
 * columnar operators with an enumerable fallback, and the planning context front-ends build on.
 */
package dev.strata.engine.planner;
