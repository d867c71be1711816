package org.breachline.hooks;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Checks {@code Authorization: Bearer <secret>} against the stored hash of the source's secret. */
public final class BearerAuthenticator implements HookAuthenticator {

    public static final String AUTHORIZATION_HEADER = "Authorization";
    private static final String SCHEME_PREFIX = "bearer ";

    private final SecretHash secretHash;

    public BearerAuthenticator(SecretHash secretHash) {
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
    }

    @Override
    public AuthScheme scheme() {
        return AuthScheme.BEARER;
    }

    @Override
    public AuthOutcome authenticate(HookRequest request) {
        Optional<String> authorization = request.header(AUTHORIZATION_HEADER);
        // The auth scheme name is case-insensitive (RFC 9110); basic auth or another scheme counts as no bearer token.
        if (authorization.isEmpty()
                || !authorization.get().toLowerCase(Locale.ROOT).startsWith(SCHEME_PREFIX)
                || authorization.get().substring(SCHEME_PREFIX.length()).isBlank()) {
            return new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING);
        }
        String token = authorization.get().substring(SCHEME_PREFIX.length()).strip();
        return secretHash.matches(token)
                ? new AuthOutcome.Authenticated(scheme())
                : new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_INVALID);
    }
}
