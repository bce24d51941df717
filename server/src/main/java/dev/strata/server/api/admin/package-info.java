/** Operational endpoints: readiness ({@code /ready}, {@code /-/ready}) and {@code /flush}. */
package dev.strata.server.api.admin;
