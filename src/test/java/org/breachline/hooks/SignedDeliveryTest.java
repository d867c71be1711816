package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core as a resource will use it: authenticate the raw bytes, parse them, decide the incident. */
class SignedDeliveryTest {

    private static final JsonNode SAMPLE = Samples.tree("standard-webhooks-signed.json");

    @Test
    void aSignedGenericDeliveryAuthenticatesParsesAndOpensAnIncident() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-06T09:10:04Z"));
        HookAuthenticator authenticator = SourceAuthentication.of(AuthScheme.STANDARD_WEBHOOKS,
                SAMPLE.get("secret").textValue()).authenticatorFor("edr", clock, new InMemorySeenWebhookIds(clock));
        byte[] body = Samples.utf8(SAMPLE.get("body").textValue());
        HookRequest request = HookRequest.of("/hooks/edr", Map.of(
                "Webhook-Id", SAMPLE.at("/headers/webhook-id").textValue(),
                "Webhook-Timestamp", SAMPLE.at("/headers/webhook-timestamp").textValue(),
                "Webhook-Signature", SAMPLE.at("/headers/webhook-signature").textValue()), body);

        AuthOutcome outcome = authenticator.authenticate(request);
        List<Alert> alerts = PayloadFormat.GENERIC.parser().parse("edr", request.body(), Severity.MEDIUM);
        DedupDecision decision = new DedupPolicy().decide(alerts.get(0), clock.instant(), Duration.ofHours(24),
                new LatestIncident.None());

        assertThat(outcome.isAuthenticated()).isTrue();
        assertThat(alerts).singleElement().extracting(Alert::severity).isEqualTo(Severity.CRITICAL);
        assertThat(decision).isInstanceOf(DedupDecision.OpenNewIncident.class);
    }
}
