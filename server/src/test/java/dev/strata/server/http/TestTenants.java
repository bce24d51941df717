package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import org.junit.jupiter.api.Test;

final class TestTenants {
    private final Tenants tenants = new Tenants("fake");

    @Test
    void absentOrBlankHeaderIsTheDefaultTenant() {
        assertThat(tenants.writeTenant((String) null)).isEqualTo("fake");
        assertThat(tenants.writeTenant("  ")).isEqualTo("fake");
        assertThat(tenants.writeTenant(" team-a ")).isEqualTo("team-a");
        assertThat(tenants.writeTenant("Org_1.prod(eu)*'!")).isEqualTo("Org_1.prod(eu)*'!");
        assertThat(tenants.writeTenant("x".repeat(150))).hasSize(150);
    }

    @Test
    void idsThatCannotNameAFolderAreRefused() {
        assertInvalid("..", "must not be '..'");
        assertInvalid(".", "must not be '.'");
        assertInvalid("a/b", "invalid character at position 1");
        assertInvalid("a\\b", "invalid character at position 1");
        assertInvalid("a\u0001b", "\"a\\x01b\" has an invalid character");
        assertInvalid("tenant=x", "invalid character at position 6");
        assertInvalid("x".repeat(151), "longer than 150 characters");
        assertInvalid("a|b", "writes go to one tenant");
    }

    @Test
    void theDefaultTenantIsValidatedToo() {
        assertThatThrownBy(() -> new Tenants("a/b")).isInstanceOf(StrataException.class);
    }

    private void assertInvalid(String header, String message) {
        assertThatThrownBy(() -> tenants.writeTenant(header))
                .isInstanceOfSatisfying(StrataException.class, e ->
                        assertThat(e.errorCode()).isEqualTo(ServerErrorCode.INVALID_TENANT.toErrorCode()))
                .hasMessageContaining(message);
    }
}
