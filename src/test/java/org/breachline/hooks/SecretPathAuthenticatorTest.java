package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretPathAuthenticatorTest {

    private static final String SECRET = "Zc8mW1qPq0d7Yx3VbN5rT2kLhJ9sGf4eAu6oIiEyR0w";

    private final SecretPathAuthenticator authenticator = new SecretPathAuthenticator("splunk", SecretHash.of(SECRET));

    private AuthOutcome authenticate(String path) {
        return authenticator.authenticate(HookRequest.of(path, Map.of(), Samples.bytes("splunk.json")));
    }

    @Test
    void acceptsTheSecretAsLastPathSegment() {
        assertThat(authenticate("/hooks/splunk/" + SECRET)).isEqualTo(new AuthOutcome.Authenticated(
                AuthScheme.SECRET_PATH));
        assertThat(authenticate("hooks/splunk/" + SECRET + "/").isAuthenticated()).isTrue();
    }

    @Test
    void refusesAWrongSecret() {
        assertThat(authenticate("/hooks/splunk/" + SECRET.toLowerCase()))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_INVALID));
    }

    @Test
    void refusesAPathWithoutSecret() {
        assertThat(authenticate("/hooks/splunk"))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
        assertThat(authenticate("")).isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void doesNotLookForTheSecretAnywhereButTheLastSegment() {
        assertThat(authenticate("/hooks/splunk/" + SECRET + "/extra").isAuthenticated()).isFalse();
    }
}
