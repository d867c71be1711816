package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksAuthenticatorTest {

    private static final JsonNode SAMPLE = Samples.tree("standard-webhooks-signed.json");
    private static final Instant SAMPLE_TIME = Instant.parse(SAMPLE.at("/checks/timestamp_as_utc").textValue());
    private static final String ID = SAMPLE.at("/headers/webhook-id").textValue();
    private static final String TIMESTAMP = SAMPLE.at("/headers/webhook-timestamp").textValue();
    private static final String SIGNATURE = SAMPLE.at("/headers/webhook-signature").textValue();
    private static final byte[] BODY = Samples.utf8(SAMPLE.get("body").textValue());

    private final MutableClock clock = new MutableClock(SAMPLE_TIME);
    private final InMemorySeenWebhookIds seenIds = new InMemorySeenWebhookIds(clock);
    private final StandardWebhooksAuthenticator authenticator = authenticator(SAMPLE.get("secret").textValue());

    private StandardWebhooksAuthenticator authenticator(String secret) {
        return new StandardWebhooksAuthenticator("edr", WebhookSecret.parse(secret), clock, seenIds);
    }

    private static HookRequest request(String id, String timestamp, String signature, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (id != null) {
            headers.put("webhook-id", id);
        }
        if (timestamp != null) {
            headers.put("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            headers.put("webhook-signature", signature);
        }
        headers.put("content-type", "application/json");
        return HookRequest.of("/hooks/edr", headers, body);
    }

    private static HookRequest sampleRequest() {
        return request(ID, TIMESTAMP, SIGNATURE, BODY);
    }

    private static AuthOutcome rejected(RejectionReason reason) {
        return new AuthOutcome.Rejected(reason);
    }

    @Test
    void acceptsTheSignedSampleAtItsTimestamp() {
        assertThat(authenticator.authenticate(sampleRequest()))
                .isEqualTo(new AuthOutcome.Authenticated(AuthScheme.STANDARD_WEBHOOKS));
    }

    @Test
    void refusesTheSampleWithATamperedBody() {
        byte[] tampered = Samples.utf8(SAMPLE.at("/checks/tampered_body_must_fail").textValue());

        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, SIGNATURE, tampered)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void refusesAMessageIdTooLongToKeepRatherThanTakingItForARepeat() {
        assertThat(authenticator.authenticate(request("m".repeat(201), TIMESTAMP, SIGNATURE, BODY)))
                .isEqualTo(rejected(RejectionReason.MESSAGE_ID_INVALID));
    }

    @Test
    void refusesTheSampleUnderTheWrongSecret() {
        StandardWebhooksAuthenticator wrong = authenticator(SAMPLE.at("/checks/wrong_secret_must_fail").textValue());

        assertThat(wrong.authenticate(sampleRequest())).isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void refusesASignatureWhoseSignedTimestampOrIdWasChanged() {
        assertThat(authenticator.authenticate(request(ID, "1772788201", SIGNATURE, BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(authenticator.authenticate(request("msg_other", TIMESTAMP, SIGNATURE, BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void acceptsATimestampExactlyAtTheToleranceInEitherDirection() {
        clock.set(SAMPLE_TIME.plus(Duration.ofMinutes(5)));
        assertThat(authenticator.authenticate(sampleRequest()).isAuthenticated()).isTrue();
    }

    @Test
    void refusesATimestampFurtherInThePastThanTheTolerance() {
        clock.set(SAMPLE_TIME.plus(Duration.ofMinutes(5)).plusSeconds(1));

        assertThat(authenticator.authenticate(sampleRequest())).isEqualTo(rejected(RejectionReason.TIMESTAMP_STALE));
    }

    @Test
    void refusesATimestampFurtherInTheFutureThanTheTolerance() {
        clock.set(SAMPLE_TIME.minus(Duration.ofMinutes(5)).minusSeconds(1));

        assertThat(authenticator.authenticate(sampleRequest())).isEqualTo(rejected(RejectionReason.TIMESTAMP_STALE));
    }

    @Test
    void acceptsAnOlderTimestampUnderAWiderConfiguredTolerance() {
        clock.set(SAMPLE_TIME.plus(Duration.ofMinutes(9)));
        StandardWebhooksAuthenticator lenient = new StandardWebhooksAuthenticator("edr",
                WebhookSecret.parse(SAMPLE.get("secret").textValue()), clock, Duration.ofMinutes(10), seenIds);

        assertThat(lenient.authenticate(sampleRequest()).isAuthenticated()).isTrue();
        assertThat(authenticator.authenticate(sampleRequest())).isEqualTo(rejected(RejectionReason.TIMESTAMP_STALE));
    }

    @Test
    void refusesAReplayOfAnAcceptedMessage() {
        assertThat(authenticator.authenticate(sampleRequest()).isAuthenticated()).isTrue();
        clock.advance(Duration.ofSeconds(30));

        assertThat(authenticator.authenticate(sampleRequest())).isEqualTo(rejected(RejectionReason.REPLAYED));
    }

    @Test
    void keepsMessageIdsApartPerSource() {
        StandardWebhooksAuthenticator otherSource = new StandardWebhooksAuthenticator("siem",
                WebhookSecret.parse(SAMPLE.get("secret").textValue()), clock, seenIds);

        assertThat(authenticator.authenticate(sampleRequest()).isAuthenticated()).isTrue();
        assertThat(otherSource.authenticate(sampleRequest()).isAuthenticated()).isTrue();
    }

    @Test
    void doesNotUseUpTheIdOfAMessageItRefused() {
        byte[] tampered = Samples.utf8(SAMPLE.at("/checks/tampered_body_must_fail").textValue());
        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, SIGNATURE, tampered)).isAuthenticated())
                .isFalse();

        assertThat(authenticator.authenticate(sampleRequest()).isAuthenticated()).isTrue();
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
    void refusesAMessageMissingAHeader(String missing) {
        HookRequest request = request(
                missing.equals("webhook-id") ? null : ID,
                missing.equals("webhook-timestamp") ? null : TIMESTAMP,
                missing.equals("webhook-signature") ? null : SIGNATURE,
                BODY);

        assertThat(authenticator.authenticate(request)).isEqualTo(rejected(RejectionReason.CREDENTIALS_MISSING));
    }

    @Test
    void refusesANonNumericTimestamp() {
        assertThat(authenticator.authenticate(request(ID, "2026-03-06T09:10:00Z", SIGNATURE, BODY)))
                .isEqualTo(rejected(RejectionReason.TIMESTAMP_INVALID));
        assertThat(authenticator.authenticate(request(ID, "+1772788200", SIGNATURE, BODY)))
                .isEqualTo(rejected(RejectionReason.TIMESTAMP_INVALID));
    }

    @Test
    void acceptsOneValidSignatureAmongSeveral() {
        String rotated = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1a,c29tZXRoaW5nIGVsc2U= " + SIGNATURE;

        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, rotated, BODY)).isAuthenticated()).isTrue();
    }

    @Test
    void acceptsAValidSignatureInARepeatedHeader() {
        HookRequest request = new HookRequest("/hooks/edr", Map.of(
                "Webhook-Id", List.of(ID),
                "Webhook-Timestamp", List.of(TIMESTAMP),
                "Webhook-Signature", List.of("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", SIGNATURE)), BODY);

        assertThat(authenticator.authenticate(request).isAuthenticated()).isTrue();
    }

    @Test
    void refusesSignaturesThatAreAllWrongOrOfAnotherVersion() {
        String base64 = SIGNATURE.substring("v1,".length());

        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, "v2," + base64, BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, base64, BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, "v1,not base64!", BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
        assertThat(authenticator.authenticate(request(ID, TIMESTAMP, "v1," + base64.substring(4), BODY)))
                .isEqualTo(rejected(RejectionReason.SIGNATURE_INVALID));
    }

    @Test
    void readsHeaderNamesIgnoringCase() {
        HookRequest request = HookRequest.of("/hooks/edr",
                Map.of("WEBHOOK-ID", ID, "Webhook-Timestamp", TIMESTAMP, "webhook-SIGNATURE", SIGNATURE), BODY);

        assertThat(authenticator.authenticate(request).isAuthenticated()).isTrue();
    }

    @Test
    void rejectsWithADottedCode() {
        assertThat(((AuthOutcome.Rejected) authenticator.authenticate(request(ID, TIMESTAMP, null, BODY))).code())
                .isEqualTo("hook.credentials_missing");
    }
}
