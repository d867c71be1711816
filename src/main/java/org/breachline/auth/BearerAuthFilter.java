package org.breachline.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import org.breachline.http.ApiError;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every request under {@code /api} by its bearer token and installs the {@link Actor} as the
 * security context, so that {@code @RolesAllowed} decides the rest. Hooks are outside {@code /api}: they
 * authenticate by their source's own secret.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthFilter implements ContainerRequestFilter {
    private final TokenService tokens;

    public BearerAuthFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("api") || path.startsWith("api/"))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Actor> actor = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            actor = tokens.authenticate(header.substring(7).trim());
        }
        if (actor.isEmpty()) {
            String problem = header == null ? "The Authorization header is missing."
                    : "The bearer token is not valid or has been revoked.";
            request.abortWith(Response.status(401)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"breachline\"")
                    .type("application/json")
                    .entity(new ApiError("auth.unauthenticated", problem, List.of()))
                    .build());
            return;
        }
        Actor who = actor.get();
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public boolean isUserInRole(String role) {
                // ADMIN may do everything any other role may.
                return who.role() == Role.ADMIN || who.role().name().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
