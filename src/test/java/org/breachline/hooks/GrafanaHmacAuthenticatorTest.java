package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaHmacAuthenticatorTest {

    private static final String SECRET = "grafana-test-secret";
    private static final byte[] BODY = Samples.bytes("grafana.json");
    // Computed outside Java over the exact bytes of grafana.json:
    //   openssl dgst -sha256 -hmac grafana-test-secret -hex < grafana.json
    private static final String BODY_SIGNATURE = "9014fe5d6499028daa4741c45d25b699c391ef3e9d9b3541791158ba594eb158";
    //   (printf '1772787030:'; cat grafana.json) | openssl dgst -sha256 -hmac grafana-test-secret -hex
    private static final String TIMESTAMP = "1772787030";
    private static final String TIMESTAMPED_SIGNATURE =
            "331b912af6d23c089c8f8515f30c696a377e438d46d08eef5ab6947cb339005a";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1772787030L).plusSeconds(2));
    private final InMemorySeenWebhookIds seenIds = new InMemorySeenWebhookIds(clock);

    private final GrafanaHmacAuthenticator overBody = GrafanaHmacAuthenticator.overBody("grafana", SECRET,
            GrafanaHmacAuthenticator.DEFAULT_SIGNATURE_HEADER);
    private final GrafanaHmacAuthenticator withTimestamp = GrafanaHmacAuthenticator.withTimestamp("grafana", SECRET,
            GrafanaHmacAuthenticator.DEFAULT_SIGNATURE_HEADER,
            new GrafanaHmacAuthenticator.TimestampCheck("X-Grafana-Alerting-Timestamp", clock, Duration.ofMinutes(5),
                    seenIds));

    private static HookRequest request(Map<String, String> headers, byte[] body) {
        return HookRequest.of("/hooks/grafana", headers, body);
    }

    @Test
    void acceptsTheRightSignatureOverTheBody() {
        assertThat(overBody.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE), BODY)))
                .isEqualTo(new AuthOutcome.Authenticated(AuthScheme.GRAFANA_HMAC));
    }

    @Test
    void refusesTheSignatureOfAnotherSecret() {
        GrafanaHmacAuthenticator otherSecret = GrafanaHmacAuthenticator.overBody("grafana", "another-secret",
                GrafanaHmacAuthenticator.DEFAULT_SIGNATURE_HEADER);

        assertThat(otherSecret.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = '!';

        assertThat(overBody.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE), tampered)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void refusesASignatureThatIsNotHexOrTooShort() {
        assertThat(overBody.authenticate(request(Map.of("X-Grafana-Alerting-Signature", "sha256=" + BODY_SIGNATURE),
                BODY))).isEqualTo(new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(overBody.authenticate(request(
                Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE.substring(0, 32)), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void refusesADeliveryWithoutSignature() {
        assertThat(overBody.authenticate(request(Map.of(), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void readsTheSignatureFromTheConfiguredHeader() {
        GrafanaHmacAuthenticator custom = GrafanaHmacAuthenticator.overBody("grafana", SECRET, "X-Breachline-Sig");

        assertThat(custom.authenticate(request(Map.of("x-breachline-sig", BODY_SIGNATURE), BODY)).isAuthenticated())
                .isTrue();
        assertThat(custom.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void acceptsTheRightSignatureOverTimestampAndBody() {
        assertThat(withTimestamp.authenticate(request(Map.of("X-Grafana-Alerting-Signature", TIMESTAMPED_SIGNATURE,
                "X-Grafana-Alerting-Timestamp", TIMESTAMP), BODY)).isAuthenticated()).isTrue();
    }

    @Test
    void refusesABodyOnlySignatureWhenATimestampIsExpected() {
        assertThat(withTimestamp.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE,
                "X-Grafana-Alerting-Timestamp", TIMESTAMP), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(withTimestamp.authenticate(request(Map.of("X-Grafana-Alerting-Signature", BODY_SIGNATURE), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void refusesAStaleTimestamp() {
        clock.set(Instant.ofEpochSecond(1772787030L).plus(Duration.ofMinutes(6)));

        assertThat(withTimestamp.authenticate(request(Map.of("X-Grafana-Alerting-Signature", TIMESTAMPED_SIGNATURE,
                "X-Grafana-Alerting-Timestamp", TIMESTAMP), BODY)))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.TIMESTAMP_STALE));
    }

    @Test
    void refusesTheSameSignedDeliveryTwice() {
        HookRequest request = request(Map.of("X-Grafana-Alerting-Signature", TIMESTAMPED_SIGNATURE,
                "X-Grafana-Alerting-Timestamp", TIMESTAMP), BODY);

        assertThat(withTimestamp.authenticate(request).isAuthenticated()).isTrue();
        assertThat(withTimestamp.authenticate(request))
                .isEqualTo(new AuthOutcome.Rejected(RejectionReason.REPLAYED));
    }
}
