/**
 * The contract between the store and the engine: Arrow-level scans ({@code scan}), the tables and
 * their schemas ({@code table}), label sets, matchers and time ranges ({@code model}), and the
 * categorised exception every module throws ({@code error}). Depends on Arrow and re2j only.
 */
package dev.strata.spi;
