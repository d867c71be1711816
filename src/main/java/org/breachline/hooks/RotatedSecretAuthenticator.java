package org.breachline.hooks;

/**
 * A source's authenticator during the grace period after a rotation: a delivery is authentic under the current secret
 * or, failing that, under the previous one. Only refusals about the credentials themselves are retried: a stale
 * timestamp or a replayed message id is refused whatever secret signed it, and no message id is recorded twice, since
 * an authenticator records the id only as its last step, after the signature matched.
 */
final class RotatedSecretAuthenticator implements HookAuthenticator {
    private final HookAuthenticator current;
    private final HookAuthenticator previous;

    RotatedSecretAuthenticator(HookAuthenticator current, HookAuthenticator previous) {
        this.current = current;
        this.previous = previous;
    }

    @Override
    public AuthOutcome authenticate(HookRequest request) {
        AuthOutcome outcome = current.authenticate(request);
        if (outcome instanceof AuthOutcome.Rejected rejected && (rejected.reason() == RejectionReason.SIGNATURE_INVALID
                || rejected.reason() == RejectionReason.CREDENTIALS_INVALID)) {
            return previous.authenticate(request);
        }
        return outcome;
    }

    @Override
    public AuthScheme scheme() {
        return current.scheme();
    }
}
