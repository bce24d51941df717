/**
 * Typed, immutable process configuration: {@link dev.strata.server.config.StrataConfig} composes
 * each module's config record, bound once at startup from defaults, a properties file and
 * command-line flags (in rising precedence), failing fast on unknown keys and invalid values.
 */
package dev.strata.server.config;
