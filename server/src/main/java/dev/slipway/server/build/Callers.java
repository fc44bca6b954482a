package dev.slipway.server.build;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

/** Who makes an API request, for {@code initiator}: the authenticated user once security exists, until then "anonymous". */
final class Callers
{
    static final String ANONYMOUS = "anonymous";

    private Callers() {}

    static String name(SecurityContext security)
    {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null || principal.getName() == null || principal.getName().isBlank() ? ANONYMOUS : principal.getName();
    }
}
