package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceAuthenticationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-06T09:10:00Z"));
    private final InMemorySeenWebhookIds seenIds = new InMemorySeenWebhookIds(clock);
    private final HookSecretGenerator generator = new HookSecretGenerator(new SecureRandom());

    @Test
    void buildsABearerAuthenticatorThatAcceptsTheGeneratedSecretFromItsStoredHash() {
        GeneratedSecret generated = generator.generate(AuthScheme.BEARER);
        HookAuthenticator authenticator = SourceAuthentication.of(AuthScheme.BEARER, generated.stored())
                .authenticatorFor("prometheus", clock, seenIds);

        HookRequest request = HookRequest.of("/hooks/prometheus",
                Map.of("Authorization", "Bearer " + generated.secret()), Samples.bytes("alertmanager.json"));

        assertThat(authenticator.authenticate(request).isAuthenticated()).isTrue();
    }

    @Test
    void buildsASecretPathAuthenticatorFromItsStoredHash() {
        GeneratedSecret generated = generator.generate(AuthScheme.SECRET_PATH);
        HookAuthenticator authenticator = SourceAuthentication.of(AuthScheme.SECRET_PATH, generated.stored())
                .authenticatorFor("splunk", clock, seenIds);

        assertThat(authenticator.authenticate(HookRequest.of("/hooks/splunk/" + generated.secret(), Map.of(),
                Samples.bytes("splunk.json"))).isAuthenticated()).isTrue();
    }

    @Test
    void buildsAStandardWebhooksAuthenticatorThatVerifiesTheSample() {
        var sample = Samples.tree("standard-webhooks-signed.json");
        HookAuthenticator authenticator = SourceAuthentication.of(AuthScheme.STANDARD_WEBHOOKS,
                sample.get("secret").textValue()).authenticatorFor("edr", clock, seenIds);
        Map<String, String> headers = Samples.JSON.convertValue(sample.get("headers"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });

        assertThat(authenticator.authenticate(HookRequest.of("/hooks/edr", headers,
                Samples.utf8(sample.get("body").textValue())))).isEqualTo(
                new AuthOutcome.Authenticated(AuthScheme.STANDARD_WEBHOOKS));
    }

    @Test
    void buildsAGrafanaAuthenticatorThatChecksTheTimestampOnlyWhenOneIsConfigured() {
        HookAuthenticator bodyOnly = SourceAuthentication.of(AuthScheme.GRAFANA_HMAC, "grafana-test-secret")
                .authenticatorFor("grafana", clock, seenIds);
        HookAuthenticator timestamped = new SourceAuthentication(AuthScheme.GRAFANA_HMAC, "grafana-test-secret",
                null, null, "X-Grafana-Alerting-Timestamp").authenticatorFor("grafana", clock, seenIds);
        HookRequest bodySigned = HookRequest.of("/hooks/grafana", Map.of("X-Grafana-Alerting-Signature",
                "9014fe5d6499028daa4741c45d25b699c391ef3e9d9b3541791158ba594eb158"), Samples.bytes("grafana.json"));

        assertThat(bodyOnly.authenticate(bodySigned).isAuthenticated()).isTrue();
        assertThat(timestamped.authenticate(bodySigned))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void refusesAStoredSecretOfTheWrongFormAtConstruction() {
        assertThatThrownBy(() -> SourceAuthentication.of(AuthScheme.BEARER, "plain-token"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceAuthentication.of(AuthScheme.STANDARD_WEBHOOKS, "sha256:" + "0".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheSecretOutOfItsTextForm() {
        assertThat(SourceAuthentication.of(AuthScheme.GRAFANA_HMAC, "grafana-test-secret").toString())
                .doesNotContain("grafana-test-secret");
    }
}
