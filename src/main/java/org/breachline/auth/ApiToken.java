package org.breachline.auth;

import java.time.Instant;

/** A stored API token: its name, role and the SHA-256 hash of the secret (the secret itself is never stored). */
public record ApiToken(long id, String name, Role role, String tokenHash, Instant createdAt, Instant revokedAt) {
}
