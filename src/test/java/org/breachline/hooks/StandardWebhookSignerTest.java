package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    private static final JsonNode SAMPLE = Samples.tree("standard-webhooks-signed.json");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    @Test
    void reproducesTheSignatureOfTheSample() {
        clock.set(Instant.parse(SAMPLE.at("/checks/timestamp_as_utc").textValue()));
        StandardWebhookSigner signer = new StandardWebhookSigner(WebhookSecret.parse(SAMPLE.get("secret").textValue()),
                clock);

        StandardWebhookHeaders headers = signer.sign(SAMPLE.at("/headers/webhook-id").textValue(),
                Samples.utf8(SAMPLE.get("body").textValue()));

        assertThat(headers.timestamp()).isEqualTo(SAMPLE.at("/headers/webhook-timestamp").textValue());
        assertThat(headers.signature()).isEqualTo(SAMPLE.at("/headers/webhook-signature").textValue());
    }

    @Test
    void signsWhatTheVerifierAccepts() {
        GeneratedSecret secret = new HookSecretGenerator(new SecureRandom()).generate(AuthScheme.STANDARD_WEBHOOKS);
        StandardWebhookSigner signer = new StandardWebhookSigner(WebhookSecret.parse(secret.secret()), clock);
        StandardWebhooksAuthenticator verifier = new StandardWebhooksAuthenticator("outbound",
                WebhookSecret.parse(secret.stored()), clock, new InMemorySeenWebhookIds(clock));
        byte[] body = Samples.utf8("{\"event\":\"incident.opened\",\"key\":\"INC-2026-0042\"}");

        StandardWebhookHeaders headers = signer.sign("dlv_0042", body);

        assertThat(verifier.authenticate(HookRequest.of("/notify", headers.asMap(), body)).isAuthenticated())
                .isTrue();
        assertThat(headers.asMap()).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    }

    @Test
    void renewsTimestampAndSignatureButKeepsTheIdOnARetry() {
        StandardWebhookSigner signer = new StandardWebhookSigner(
                WebhookSecret.parse(SAMPLE.get("secret").textValue()), clock);
        byte[] body = Samples.utf8("{}");

        StandardWebhookHeaders first = signer.sign("dlv_7", body);
        clock.advance(Duration.ofSeconds(90));
        StandardWebhookHeaders retry = signer.sign("dlv_7", body);

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(Long.parseLong(retry.timestamp()) - Long.parseLong(first.timestamp())).isEqualTo(90);
        assertThat(retry.signature()).isNotEqualTo(first.signature());
    }

    @Test
    void refusesAMessageIdThatCouldBreakTheSignedText() {
        StandardWebhookSigner signer = new StandardWebhookSigner(
                WebhookSecret.parse(SAMPLE.get("secret").textValue()), clock);

        assertThatThrownBy(() -> signer.sign("a.b", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
