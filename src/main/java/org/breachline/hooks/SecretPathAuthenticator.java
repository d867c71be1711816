package org.breachline.hooks;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks a secret carried as the last path segment ({@code /hooks/{source}/{secret}}), for senders that can neither set
 * a header nor sign (Splunk). The URL ends up in the sender's configuration and in access logs, so this is the weakest
 * scheme: keep the secret out of the request log.
 */
public final class SecretPathAuthenticator implements HookAuthenticator {

    private final String source;
    private final SecretHash secretHash;

    public SecretPathAuthenticator(String source, SecretHash secretHash) {
        this.source = Objects.requireNonNull(source, "source");
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
    }

    @Override
    public AuthScheme scheme() {
        return AuthScheme.SECRET_PATH;
    }

    @Override
    public AuthOutcome authenticate(HookRequest request) {
        Optional<String> segment = request.lastPathSegment();
        // /hooks/{source} without a further segment carries no secret at all.
        if (segment.isEmpty() || segment.get().equals(source)) {
            return new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING);
        }
        return secretHash.matches(segment.get())
                ? new AuthOutcome.Authenticated(scheme())
                : new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_INVALID);
    }
}
