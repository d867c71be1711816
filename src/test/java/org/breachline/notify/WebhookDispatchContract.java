package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WEBHOOK channel end to end against a real local receiver that checks every signature the Standard Webhooks
 * way: one signed notice per person with their decrypted reference, 5xx retried with the same webhook-id after the
 * backoff, 4xx failed at once, and a notice in flight at a crash sent again under the same id. Run per database.
 */
abstract class WebhookDispatchContract extends CampaignContractSupport {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    abstract WebhookReceiver receiver();

    static WebhookReceiver startReceiver() {
        return new WebhookReceiver(SECRET);
    }

    static ConfigOverride[] pointingAt(WebhookReceiver receiver) {
        return new ConfigOverride[] {
                ConfigOverride.config("notify.webhook.url", receiver.urlSupplier()),
                ConfigOverride.config("notify.webhook.secret", SECRET),
                ConfigOverride.config("notify.outbox", Outbox.freshFolder().toString())};
    }

    @BeforeEach
    void freshReceiver() {
        receiver().reset();
    }

    Map<String, Map<String, Object>> webhookRowsByReference(String campaignId) {
        List<Map<String, Object>> rows = Outbox.deliveries(app(), campaignId).stream()
                .filter(r -> "WEBHOOK".equals(r.get("channel"))).toList();
        Map<Long, String> referenceOfPerson = receiver().received().stream().filter(WebhookReceiver.Received::signatureValid)
                .collect(Collectors.toMap(r -> Long.parseLong(r.id().substring(r.id().lastIndexOf('_') + 1)),
                        WebhookReceiver.Received::reference, (a, b) -> a));
        return rows.stream().collect(Collectors.toMap(
                r -> referenceOfPerson.get(((Number) r.get("id")).longValue()), r -> r));
    }

    @Test
    void postsOneSignedNoticePerPersonRetryingServerErrorsAndFailingOnClientErrors() {
        receiver().script("P-2", 500, 200);
        receiver().script("P-3", 400);
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL", "WEBHOOK");
        String id = c.path("id").asText();
        assertThat(progress(c, "WEBHOOK").path("queued").asLong()).as("everyone, whatever their e-mail").isEqualTo(4);
        assertThat(progress(c, "EMAIL").path("queued").asLong()).isEqualTo(3);

        String round = Outbox.dispatch(app());

        assertThat(round).contains("\"sent\":5").contains("\"retried\":1").contains("\"failed\":1");
        assertThat(receiver().received()).hasSize(4).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        Map<String, Map<String, Object>> rows = webhookRowsByReference(id);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("P-1", "P-2", "P-3", "P-4");
        assertThat(rows.get("P-1").get("status")).isEqualTo("SENT");
        assertThat(rows.get("P-4").get("status")).isEqualTo("SENT");
        assertThat(rows.get("P-2").get("status")).isEqualTo("QUEUED");
        assertThat((String) rows.get("P-2").get("last_error")).isEqualTo("HTTP 500 from the product");
        assertThat(rows.get("P-3").get("status")).isEqualTo("FAILED");
        assertThat((String) rows.get("P-3").get("last_error")).isEqualTo("HTTP 400 from the product");
        assertThat(((Number) rows.get("P-3").get("attempts")).intValue()).isEqualTo(1);

        WebhookReceiver.Received ada = receiver().about("P-1").get(0);
        assertThat(rows.get("P-1").get("provider_id")).as("the provider id is the webhook-id").isEqualTo(ada.id());
        assertThat(ada.id()).isEqualTo("notice_" + id.replace("-", "") + "_" + rows.get("P-1").get("id"));
        assertThat(ada.headers().get("content-type")).isEqualTo("application/json");
        assertThat(Long.parseLong(ada.headers().get("webhook-timestamp")))
                .isEqualTo(app().clock.instant().getEpochSecond());
        JsonNode doc = ada.json();
        assertThat(doc.path("type").asText()).isEqualTo("notice.issued");
        JsonNode data = doc.path("data");
        assertThat(data.path("webhookId").asText()).isEqualTo(ada.id());
        assertThat(data.path("campaignId").asText()).isEqualTo(id);
        assertThat(data.path("incidentKey").asText()).isEqualTo(key);
        assertThat(data.path("noticeKind").asText()).isEqualTo("BREACH_NOTICE");
        assertThat(data.path("personReference").asText()).isEqualTo("P-1");
        assertThat(data.path("locale").asText()).isEqualTo("en-US");
        assertThat(data.path("notice").path("template").asText()).isEqualTo("breach-notice/email/en-US-CA.mustache");
        assertThat(data.path("notice").path("subject").asText()).isNotBlank();
        assertThat(data.path("notice").path("text").asText()).contains("Example Corp").contains("Ada Lovelace");
        assertThat(data.path("notice").path("html").asText()).contains("<").contains("Example Corp");
        assertThat(ada.body()).as("no contact data beyond the reference").doesNotContain("ada@example.com")
                .doesNotContain("+14155550101");
        assertThat(receiver().about("P-2").get(0).json().path("data").path("notice").path("template").asText())
                .isEqualTo("breach-notice/email/de.mustache");

        assertThat(Outbox.dispatch(app())).as("not due before the backoff").contains("\"sent\":0");
        app().clock.advance(Duration.ofSeconds(31));
        assertThat(Outbox.dispatch(app())).contains("\"sent\":1");

        List<WebhookReceiver.Received> bertha = receiver().about("P-2");
        assertThat(bertha).hasSize(2);
        assertThat(bertha.get(1).id()).as("the same webhook-id on every attempt").isEqualTo(bertha.get(0).id());
        assertThat(bertha.get(1).headers().get("webhook-timestamp"))
                .isNotEqualTo(bertha.get(0).headers().get("webhook-timestamp"));
        Map<String, Object> retried = webhookRowsByReference(id).get("P-2");
        assertThat(retried.get("status")).isEqualTo("SENT");
        assertThat(((Number) retried.get("attempts")).intValue()).isEqualTo(2);

        JsonNode view = app().as(Role.AUDITOR).get("/api/campaigns/" + id).body();
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(progress(view, "WEBHOOK").path("sent").asLong()).isEqualTo(3);
        assertThat(progress(view, "WEBHOOK").path("failed").asLong()).isEqualTo(1);
        assertThat(progress(view, "WEBHOOK").path("carriesLegalNotice").asBoolean()).isFalse();
        assertThat(progress(view, "EMAIL").path("carriesLegalNotice").asBoolean()).isTrue();
        assertThat(receiver().shown()).hasSize(3);
    }

    @Test
    void listsFailuresWithTheirReasonsAndSendsThemAgainWhenAResponderRetries() {
        receiver().script("P-3", 400);
        String key = incidentWithPeople();
        String id = launched(key, "EMAIL_ELSE_SMS", "EMAIL", "WEBHOOK").path("id").asText();
        Outbox.dispatch(app());
        assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + id).body().path("status").asText())
                .isEqualTo("COMPLETED");

        JsonNode failures = app().as(Role.AUDITOR).get("/api/campaigns/" + id + "/failures").body();
        assertThat(failures.path("total").asLong()).isEqualTo(1);
        JsonNode failure = failures.path("items").get(0);
        assertThat(failure.path("personReference").asText()).isEqualTo("P-3");
        assertThat(failure.path("channel").asText()).isEqualTo("WEBHOOK");
        assertThat(failure.path("status").asText()).isEqualTo("FAILED");
        assertThat(failure.path("lastError").asText()).isEqualTo("HTTP 400 from the product");
        assertThat(failure.toString()).as("whom by reference, never by address").doesNotContain("@example.com");
        assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + id + "/failures?channel=EMAIL").body()
                .path("total").asLong()).isZero();
        Api.Reply badChannel = app().as(Role.AUDITOR).get("/api/campaigns/" + id + "/failures?channel=FAX");
        assertThat(badChannel.status()).isEqualTo(400);

        Api.Reply wrongChannel = responder().post("/api/campaigns/" + id + "/failures/retry", "{\"channel\":\"SMS\"}");
        assertThat(wrongChannel.status()).as(wrongChannel.text()).isEqualTo(400);
        Api.Reply retried = responder().post("/api/campaigns/" + id + "/failures/retry", "{\"channel\":\"WEBHOOK\"}");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.body().path("status").asText()).as("reopened for the dispatcher").isEqualTo("SENDING");
        assertThat(progress(retried.body(), "WEBHOOK").path("queued").asLong()).isEqualTo(1);

        assertThat(Outbox.dispatch(app())).contains("\"sent\":1");
        JsonNode done = app().as(Role.AUDITOR).get("/api/campaigns/" + id).body();
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(progress(done, "WEBHOOK").path("sent").asLong()).isEqualTo(4);
        assertThat(progress(done, "WEBHOOK").path("failed").asLong()).isZero();
        assertThat(receiver().about("P-3")).hasSize(2);
        assertThat(timelineKinds(key)).contains("CAMPAIGN_STATUS_CHANGED");

        Api.Reply again = responder().post("/api/campaigns/" + id + "/failures/retry", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("campaign.nothing_to_retry");
    }

    @Test
    void aNoticeInFlightAtACrashIsSentAgainUnderTheSameWebhookIdAndShownOnce() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "BOTH", "WEBHOOK");
        String id = c.path("id").asText();
        assertThat(Outbox.dispatch(app())).contains("\"sent\":4");
        Map<String, Object> dora = webhookRowsByReference(id).get("P-4");
        // A worker that died after the product answered but before it recorded the answer.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'dead-worker', "
                + "heartbeat_at = :old, provider_id = NULL WHERE id = :d").bind("d", dora.get("id"))
                .bind("old", app().clock.instant().minusSeconds(3600)).execute());
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE campaign SET status = 'SENDING' WHERE id = :c")
                .bind("c", UUID.fromString(id)).execute());

        assertThat(Outbox.dispatch(app())).contains("\"reconciled\":1").contains("\"sent\":1");

        List<WebhookReceiver.Received> twice = receiver().about("P-4");
        assertThat(twice).hasSize(2);
        assertThat(twice.get(1).id()).isEqualTo(twice.get(0).id());
        assertThat(receiver().received()).hasSize(5);
        assertThat(receiver().shown()).as("the product drops the repeated id: each person sees one notice").hasSize(4);
        assertThat(webhookRowsByReference(id).get("P-4").get("status")).isEqualTo("SENT");
        assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + id).body().path("status").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aRefusedSignatureStopsTheWebhookChannelUntilAnAdminResumesIt() {
        receiver().script("P-1", 401, 200);
        String key = incidentWithPeople();
        String id = launched(key, "EMAIL_ELSE_SMS", "EMAIL", "WEBHOOK").path("id").asText();
        try {
            Outbox.dispatch(app());

            JsonNode channels = app().as(Role.AUDITOR).get("/api/notify/channels").body();
            JsonNode webhook = null;
            for (JsonNode ch : channels) {
                if (ch.path("channel").asText().equals("WEBHOOK")) {
                    webhook = ch;
                }
            }
            assertThat(webhook).isNotNull();
            assertThat(webhook.path("blocked").path("reason").asText()).contains("HTTP 401");
            // Who was sent before the refusal depends on the order of the claim; the refused one and everyone after it
            // are back in the queue with no attempt counted, and nobody failed.
            List<Map<String, Object>> rows = Outbox.deliveries(app(), id).stream()
                    .filter(r -> "WEBHOOK".equals(r.get("channel"))).toList();
            assertThat(rows).hasSize(4).noneMatch(r -> r.get("status").equals("FAILED"));
            List<Map<String, Object>> queued = rows.stream().filter(r -> r.get("status").equals("QUEUED")).toList();
            assertThat(queued).isNotEmpty().allSatisfy(r -> {
                assertThat(((Number) r.get("attempts")).intValue()).as("the refusal is no attempt").isZero();
                assertThat((String) r.get("last_error")).contains("the WEBHOOK channel is stopped");
            });
            assertThat(receiver().about("P-1")).as("P-1 was refused once").hasSize(1);

            Api.Reply resumed = app().as(Role.ADMIN).post("/api/notify/channels/WEBHOOK/resume", null);
            assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
            Outbox.dispatch(app());
            assertThat(webhookRowsByReference(id).values()).allMatch(r -> r.get("status").equals("SENT"));
            assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + id).body().path("status").asText())
                    .isEqualTo("COMPLETED");
        } finally {
            app().jdbi().useHandle(h -> h.execute("DELETE FROM notify_channel_block"));
        }
    }

    @Test
    void draftsPreviewsAndEstimatesTheWebhookLikeTheOtherChannels() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "SMS", "WEBHOOK"));
        JsonNode webhook = null;
        for (JsonNode e : c.path("capacity").path("channels")) {
            if (e.path("channel").asText().equals("WEBHOOK")) {
                webhook = e;
            }
        }
        assertThat(webhook).isNotNull();
        assertThat(webhook.path("recipients").asLong()).isEqualTo(4);
        assertThat(webhook.path("ratePerSecond").asDouble()).isEqualTo(50.0);

        Api.Reply preview = responder().post("/api/incidents/" + key + "/campaigns/preview", draft("BOTH", "WEBHOOK"));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.body().path("WEBHOOK").get(0).path("notice").path("subject").asText()).isNotBlank();

        Map<String, Object> hipaa = draft("BOTH", "EMAIL", "WEBHOOK");
        hipaa.put("noticeKind", "BREACH_NOTICE_HIPAA");
        assertThat(responder().post("/api/incidents/" + key + "/campaigns", hipaa).status())
                .as("the in-app copy of the HIPAA e-mail notice").isEqualTo(201);
        Map<String, Object> lowerCase = draft("BOTH", "webhook");
        assertThat(responder().post("/api/incidents/" + key + "/campaigns", lowerCase).status()).isEqualTo(400);
    }
}
