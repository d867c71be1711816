package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {

    private static final String TOKEN = "q3Vx0uWc9bN2fJk7sLp4TzR8yHd1mAeG6oKiXwB5nQc";

    private final BearerAuthenticator authenticator =
            new BearerAuthenticator(SecretHash.parse(SecretHash.of(TOKEN).stored()));

    private AuthOutcome authenticate(Map<String, String> headers) {
        return authenticator.authenticate(HookRequest.of("/hooks/prometheus", headers, Samples.utf8("{}")));
    }

    @Test
    void acceptsTheRightToken() {
        assertThat(authenticate(Map.of("Authorization", "Bearer " + TOKEN)))
                .isEqualTo(new AuthOutcome.Authenticated(AuthScheme.BEARER));
    }

    @Test
    void acceptsTheSchemeNameInAnyCase() {
        assertThat(authenticate(Map.of("authorization", "bearer " + TOKEN)).isAuthenticated()).isTrue();
    }

    @Test
    void refusesAWrongToken() {
        assertThat(authenticate(Map.of("Authorization", "Bearer " + TOKEN.substring(1))))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_INVALID));
    }

    @Test
    void refusesARequestWithoutToken() {
        assertThat(authenticate(Map.of()))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
        assertThat(authenticate(Map.of("Authorization", "Bearer ")))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void doesNotTakeBasicAuthForABearerToken() {
        assertThat(authenticate(Map.of("Authorization", "Basic " + TOKEN)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }
}
