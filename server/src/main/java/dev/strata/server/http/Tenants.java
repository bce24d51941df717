package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;

/**
 * Resolves a request's tenant from {@code X-Scope-OrgID}. Tenant ids become partition folder names
 * ({@code tenant=<id>}), so they follow the rules of Loki and Mimir: at most 150 characters of
 * letters, digits and {@code !-_.*'()}, and never {@code .} or {@code ..}. Immutable.
 */
public final class Tenants {
    public static final String HEADER = "X-Scope-OrgID";
    public static final int MAX_LENGTH = 150;

    private final String defaultTenant;

    public Tenants(String defaultTenant) {
        this.defaultTenant = requireNonNull(defaultTenant, "defaultTenant is null");
        validate(defaultTenant);
    }

    /** The one tenant a write goes to; a missing or blank header means the default tenant. */
    public String writeTenant(HttpRequest request) {
        return writeTenant(request.headers().get(HEADER));
    }

    /** As {@link #writeTenant(HttpRequest)}, for the header's value (null when absent). */
    public String writeTenant(String header) {
        if (header == null || header.isBlank()) {
            return defaultTenant;
        }
        String tenant = header.trim();
        if (tenant.indexOf('|') >= 0) {
            throw new StrataException(ServerErrorCode.INVALID_TENANT,
                    "writes go to one tenant; " + HEADER + " names several: " + printable(tenant));
        }
        validate(tenant);
        return tenant;
    }

    public String defaultTenant() {
        return defaultTenant;
    }

    /** Fails with {@link ServerErrorCode#INVALID_TENANT} unless {@code tenant} is a valid id. */
    public static String validate(String tenant) {
        if (tenant.isEmpty()) {
            throw new StrataException(ServerErrorCode.INVALID_TENANT, "tenant id is empty");
        }
        if (tenant.length() > MAX_LENGTH) {
            throw new StrataException(ServerErrorCode.INVALID_TENANT,
                    "tenant id is longer than " + MAX_LENGTH + " characters");
        }
        if (tenant.equals(".") || tenant.equals("..")) {
            throw new StrataException(ServerErrorCode.INVALID_TENANT, "tenant id must not be '" + tenant + "'");
        }
        for (int i = 0; i < tenant.length(); i++) {
            if (!isAllowed(tenant.charAt(i))) {
                throw new StrataException(ServerErrorCode.INVALID_TENANT, "tenant id " + printable(tenant)
                        + " has an invalid character at position " + i
                        + "; allowed are letters, digits and !-_.*'()");
            }
        }
        return tenant;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '!' || c == '-' || c == '_' || c == '.' || c == '*' || c == '\'' || c == '(' || c == ')';
    }

    /** Quotes the id with control characters escaped, so that an error message stays one line. */
    private static String printable(String tenant) {
        StringBuilder out = new StringBuilder(tenant.length() + 2).append('"');
        int end = Math.min(tenant.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = tenant.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(end < tenant.length() ? "...\"" : "\"").toString();
    }
}
