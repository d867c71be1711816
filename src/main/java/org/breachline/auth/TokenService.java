package org.breachline.auth;

import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Issues API tokens and resolves a presented bearer secret to its {@link Actor}. */
public class TokenService {
    /** Tokens carry a prefix so that a leaked one is recognisable in a secret scanner. */
    static final String PREFIX = "bl_";
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;

    public TokenService(Jdbi jdbi, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token and the secret to hand over; the secret is shown only this once. */
    public record IssuedToken(long id, String name, Role role, String secret) {
    }

    public IssuedToken create(String name, Role role, Actor issuer) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token name must be 1-100 letters, digits, spaces or . _ @ -");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            long tokenId = h.attach(ApiTokenDao.class).insert(name, role, hash(secret), now);
            audit.record(h, new AuditEvent(issuer.name(), "token.create", "token", Long.toString(tokenId),
                    Map.of("name", name, "role", role.name())));
            return tokenId;
        });
        return new IssuedToken(id, name, role, secret);
    }

    public Optional<Actor> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        // Looking up by hash keeps the comparison off the secret itself; the hash is not secret.
        return jdbi.withExtension(ApiTokenDao.class, dao -> dao.findByHash(hash(secret)))
                .filter(t -> t.revokedAt() == null)
                .map(t -> new Actor(t.id(), t.name(), t.role()));
    }

    public List<ApiToken> list() {
        return jdbi.withExtension(ApiTokenDao.class, ApiTokenDao::list);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
