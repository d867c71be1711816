package org.breachline.auth;

import java.security.Principal;

/** The authenticated caller: a named token holder with one role. Recorded as "who" on every write. */
public record Actor(long tokenId, String name, Role role) implements Principal {
    @Override
    public String getName() {
        return name;
    }

    /** The caller of an {@code /api} request, as the bearer filter installed it. */
    public static Actor of(jakarta.ws.rs.core.SecurityContext security) {
        return (Actor) security.getUserPrincipal();
    }

    /** The actor for work the system does on its own (schedulers, alert hooks). */
    public static Actor system(String name) {
        return new Actor(0, name, Role.ADMIN);
    }
}
