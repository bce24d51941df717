/**
 * Planner rules: conversion of logical nodes into the columnar convention
 * ({@link dev.strata.engine.plan.rules.ColumnarRules}) and pushdown of filters into the store
 * scan ({@link dev.strata.engine.plan.rules.PushFilterIntoScanRule}, {@link dev.strata.engine.plan.rules.ScanPushdown}).
 */
package dev.strata.engine.plan.rules;
