package org.breachline.hooks;

import java.util.Objects;

/** The answer of a {@link HookAuthenticator}: the delivery is from the source, or it is not and why. */
public sealed interface AuthOutcome {

    /** The delivery is authentic; its body may be parsed. */
    record Authenticated(AuthScheme scheme) implements AuthOutcome {
        public Authenticated {
            Objects.requireNonNull(scheme, "scheme");
        }
    }

    /** The delivery is refused; the reason never contains anything from the payload or the credentials. */
    record Rejected(RejectionReason reason) implements AuthOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        public String code() {
            return reason.code();
        }
    }

    default boolean isAuthenticated() {
        return this instanceof Authenticated;
    }
}
