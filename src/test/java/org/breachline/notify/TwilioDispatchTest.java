package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS through the real Twilio SDK against a local stand-in that answers as Twilio's Messages API does
 * ({@code /work/shared/reference/twilio/messages-api.md}): no hidden SDK re-sends, retries decided by the outbox on the
 * test's clock, permanent errors at once, a 5xx reconciled by looking the message up, signed status callbacks.
 * The channel does not depend on the database, so this runs on H2 only.
 */
class TwilioDispatchTest extends CampaignContractSupport {
    static final String ACCOUNT = "AC00000000000000000000000000000001";
    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String PUBLIC = "https://breachline.example.org";
    static final WireMockServer TWILIO = started();
    static final TestApp APP = TestApp.onH2(ConfigOverride.config("notify.sms.mode", "TWILIO"),
            ConfigOverride.config("notify.sms.accountSid", ACCOUNT),
            ConfigOverride.config("notify.sms.authToken", TOKEN),
            ConfigOverride.config("notify.sms.from", "+15005550006"),
            ConfigOverride.config("notify.sms.apiOverride", "http://127.0.0.1:" + TWILIO.port()),
            ConfigOverride.config("notify.publicBaseUrl", PUBLIC),
            ConfigOverride.config("notify.outbox", Outbox.freshFolder().toString()));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.stop();
    }

    static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static String message(String sid, String to, String status) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "Notice", "date_created": "Fri, 06 Mar 2026 10:00:00 +0000",
                 "date_sent": null, "date_updated": "Fri, 06 Mar 2026 10:00:00 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+15005550006", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s", "status": "%s",
                 "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"}, "to": "%s",
                 "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}""".formatted(ACCOUNT, sid, status, ACCOUNT, sid, to,
                ACCOUNT, sid);
    }

    static String error(int code, int status) {
        return "{\"code\": " + code + ", \"message\": \"refused\", \"more_info\": \"https://www.twilio.com/docs/errors/"
                + code + "\", \"status\": " + status + "}";
    }

    void created(String to, String sid) {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(to))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(message(sid, to, "queued"))));
    }

    String incidentWithPhone(String reference, String phone) {
        String key = responder().post("/api/incidents", Map.of("title", "sms")).str("key");
        Api.Reply r = responder().send("POST", "/api/incidents/" + key + "/people",
                "reference,phone,locale,jurisdiction\n" + reference + "," + phone + ",en-US,US-CA\n",
                "Content-Type", "text/csv");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return key;
    }

    Map<String, Object> onlyDelivery(JsonNode campaign) {
        List<Map<String, Object>> rows = Outbox.deliveries(app(), campaign.path("id").asText());
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void sendsThroughTheSdkWithAStatusCallbackAndRecordsTheSid() {
        created("+14155550102", "SM00000000000000000000000000000102");
        JsonNode c = launched(incidentWithPhone("T-102", "+14155550102"), "BOTH", "SMS");

        assertThat(Outbox.dispatch(app())).contains("\"sent\":1");

        Map<String, Object> row = onlyDelivery(c);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("provider_id")).isEqualTo("SM00000000000000000000000000000102");
        assertThat(((Number) row.get("segments")).intValue()).isEqualTo(1);
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550102"))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("StatusCallback", equalTo(PUBLIC + "/hooks/twilio/status"))
                .withFormParam("Body", com.github.tomakehurst.wiremock.client.WireMock.containing("(ref T-102)")));
    }

    @Test
    void tooManyRequestsIsRetriedAfterABackoffOnTheClockNotBySdk() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550111"))
                .inScenario("busy").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(error(20429, 429))));
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550111"))
                .inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(message("SM00000000000000000000000000000111", "+14155550111", "queued"))));
        JsonNode c = launched(incidentWithPhone("T-111", "+14155550111"), "BOTH", "SMS");

        assertThat(Outbox.dispatch(app())).contains("\"retried\":1");
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550111")));
        Map<String, Object> waiting = onlyDelivery(c);
        assertThat(waiting.get("status")).isEqualTo("QUEUED");
        assertThat((String) waiting.get("last_error")).contains("20429");

        assertThat(Outbox.dispatch(app())).as("not due yet").contains("\"sent\":0");
        app().clock.advance(Duration.ofSeconds(31)); // backoff base 30 s, jittered to 15-30 s
        assertThat(Outbox.dispatch(app())).contains("\"sent\":1");
        Map<String, Object> sent = onlyDelivery(c);
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(((Number) sent.get("attempts")).intValue()).isEqualTo(2);
    }

    @Test
    void anInvalidNumberFailsAtOnce() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550112"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(error(21211, 400))));
        JsonNode c = launched(incidentWithPhone("T-112", "+14155550112"), "BOTH", "SMS");

        assertThat(Outbox.dispatch(app())).contains("\"failed\":1");
        Map<String, Object> row = onlyDelivery(c);
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("21211").doesNotContain("4155550112");
        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().path("status").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aServerErrorIsNotResentBlindlyButLookedUpFirst() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550113"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody(error(20500, 503))));
        String body = "Example Corp: important notice about your personal information (ref T-113). "
                + "Read it at https://example.com/notice. We will never ask for your password.";
        String listed = message("SM00000000000000000000000000000113", "+14155550113", "sent")
                .replace("\"body\": \"Notice\"", "\"body\": \"" + body + "\"");
        TWILIO.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+14155550113"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"messages\": [" + listed + "], \"end\": 0, \"first_page_uri\": \"" + MESSAGES
                                + "?To=%2B14155550113&PageSize=50&Page=0\", \"next_page_uri\": null, \"page\": 0, "
                                + "\"page_size\": 50, \"previous_page_uri\": null, \"start\": 0, \"uri\": \"" + MESSAGES
                                + "?To=%2B14155550113&PageSize=50&Page=0\"}")));
        JsonNode c = launched(incidentWithPhone("T-113", "+14155550113"), "BOTH", "SMS");

        assertThat(Outbox.dispatch(app())).contains("\"reconciled\":1");

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550113")));
        Map<String, Object> row = onlyDelivery(c);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("provider_id")).isEqualTo("SM00000000000000000000000000000113");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
    }

    @Test
    void recordsSignedStatusCallbacksOnlyMovingForward() throws Exception {
        created("+14155550123", "SM0123456789abcdef0123456789abcdef");
        JsonNode c = launched(incidentWithPhone("T-123", "+14155550123"), "BOTH", "SMS");
        Outbox.dispatch(app());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("ApiVersion", "2010-04-01");
        form.put("From", "+15005550006");
        form.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        form.put("MessageStatus", "delivered");
        form.put("SmsSid", "SM0123456789abcdef0123456789abcdef");
        form.put("SmsStatus", "delivered");
        form.put("To", "+14155550123");

        assertThat(callback(form, "UlV7JrUTlUiXleeVsK40njfHwoc=").statusCode()).as("the reference's worked example")
                .isEqualTo(204);
        assertThat(onlyDelivery(c).get("status")).isEqualTo("DELIVERED");
        assertThat(onlyDelivery(c).get("delivered_at")).isNotNull();

        form.put("MessageStatus", "sent");
        form.put("SmsStatus", "sent");
        form.put("RawDlrDoneDate", "2603061001"); // a field Twilio added: the signature covers it too
        assertThat(callback(form, sign(form)).statusCode()).isEqualTo(204);
        assertThat(onlyDelivery(c).get("status")).as("a late 'sent' does not undo 'delivered'").isEqualTo("DELIVERED");

        HttpResponse<String> forged = callback(form, "UlV7JrUTlUiXleeVsK40njfHwoc=");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("hook.signature_invalid");
        HttpResponse<String> noSid = callback(Map.of("MessageStatus", "failed"), sign(Map.of("MessageStatus", "failed")));
        assertThat(noSid.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(noSid.body()).path("details").findValuesAsText("field"))
                .containsExactly("MessageSid");
        assertThat(callback(form, "").statusCode()).isEqualTo(401);
        HttpResponse<String> broken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app().baseUri() + "/hooks/twilio/status"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", "x")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=%zz&MessageStatus=sent")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("hook.payload_malformed", "two hexadecimal digits");
        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app().baseUri() + "/hooks/twilio/status")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("application/x-www-form-urlencoded").doesNotContain("send application/json");
        JsonNode view = app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body();
        assertThat(progress(view, "SMS").path("delivered").asLong()).isEqualTo(1);
    }

    @AfterEach
    void channelsRunAgain() {
        app().jdbi().useHandle(h -> h.execute("DELETE FROM notify_channel_block"));
    }

    String incidentWithPhones(String... referenceAndPhone) {
        String key = responder().post("/api/incidents", Map.of("title", "sms")).str("key");
        StringBuilder csv = new StringBuilder("reference,phone,locale,jurisdiction\n");
        for (int i = 0; i + 1 < referenceAndPhone.length; i += 2) {
            csv.append(referenceAndPhone[i]).append(',').append(referenceAndPhone[i + 1]).append(",en-US,US-CA\n");
        }
        Api.Reply r = responder().send("POST", "/api/incidents/" + key + "/people", csv.toString(),
                "Content-Type", "text/csv");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return key;
    }

    @Test
    void anAuthenticationFailureStopsTheChannelInsteadOfFailingEveryNumber() {
        for (String to : List.of("+14155550131", "+14155550132", "+14155550133")) {
            TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo(to))
                    .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\": 20003, \"message\": \"Authenticate\", \"more_info\": "
                                    + "\"https://www.twilio.com/docs/errors/20003\", \"status\": 401}")));
        }
        JsonNode c = launched(incidentWithPhones("T-131", "+14155550131", "T-132", "+14155550132", "T-133",
                "+14155550133"), "BOTH", "SMS");
        String id = c.path("id").asText();

        assertThat(Outbox.dispatch(app())).contains("\"sent\":0,\"retried\":0,\"failed\":0");

        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To",
                com.github.tomakehurst.wiremock.client.WireMock.matching("\\+1415555013[123]")));
        assertThat(Outbox.deliveries(app(), id)).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("QUEUED");
            assertThat(((Number) row.get("attempts")).intValue()).as("no attempt burnt").isZero();
            assertThat((String) row.get("last_error")).contains("SMS channel is stopped").contains("20003");
        });
        JsonNode view = app().as(Role.AUDITOR).get("/api/campaigns/" + id).body();
        assertThat(view.path("status").asText()).isEqualTo("SENDING");
        JsonNode sms = progress(view, "SMS");
        assertThat(sms.path("queued").asLong()).isEqualTo(3);
        assertThat(sms.path("eta").isNull()).isTrue();
        assertThat(sms.path("blocked").path("reason").asText()).contains("20003").contains("authentication failed");
        assertThat(sms.path("blocked").path("since").asText()).isEqualTo(app().clock.instant().toString());
        JsonNode channels = app().as(Role.AUDITOR).get("/api/notify/channels").body();
        assertThat(channels).extracting(ch -> ch.path("channel").asText()).containsExactly("EMAIL", "SMS", "WEBHOOK");
        assertThat(channels.get(1).path("blocked").path("reason").asText()).contains("20003");
        assertThat(channels.get(0).path("blocked").isNull()).isTrue();

        app().clock.advance(Duration.ofHours(2));
        assertThat(Outbox.dispatch(app())).as("a stopped channel is not tried again").contains("\"sent\":0");
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To",
                com.github.tomakehurst.wiremock.client.WireMock.matching("\\+1415555013[123]")));

        // The credentials are fixed; only an ADMIN may resume.
        created("+14155550131", "SM00000000000000000000000000000131");
        created("+14155550132", "SM00000000000000000000000000000132");
        created("+14155550133", "SM00000000000000000000000000000133");
        Api.Reply refused = responder().post("/api/notify/channels/SMS/resume", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(app().as(Role.ADMIN).post("/api/notify/channels/FAX/resume", null).code())
                .isEqualTo("notify.channel_not_found");
        Api.Reply resumed = app().as(Role.ADMIN).post("/api/notify/channels/SMS/resume", null);
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        assertThat(resumed.body().path("blocked").isNull()).isTrue();

        assertThat(Outbox.dispatch(app())).contains("\"sent\":3");
        assertThat(Outbox.deliveries(app(), id)).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        });
        JsonNode audit = app().as(Role.AUDITOR).get("/api/audit?action=notify.channel_block").body().path("items");
        assertThat(audit.size()).isPositive();
        assertThat(app().as(Role.AUDITOR).get("/api/audit?action=notify.channel_resume").body().path("items").size())
                .isPositive();
    }

    @Test
    void aRestartLiftsTheStopSoThatAFixedConfigurationIsTriedAtOnce() {
        TWILIO.stubFor(post(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550134"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody(error(20005, 401))));
        JsonNode c = launched(incidentWithPhone("T-134", "+14155550134"), "BOTH", "SMS");
        Outbox.dispatch(app());
        assertThat(progress(app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body(), "SMS")
                .path("blocked").path("reason").asText()).contains("20005").contains("not active");

        new ChannelBlocks(app().jdbi(), new org.breachline.audit.HashChainedAuditLog(app().jdbi(), app().clock,
                org.breachline.http.StrictJson.newMapper()), app().clock).start();

        assertThat(app().as(Role.AUDITOR).get("/api/notify/channels").body().get(1).path("blocked").isNull()).isTrue();
        act(responder(), c, "cancel"); // its account stays inactive in the stand-in: leave nothing due for others
    }

    @Test
    void anAccountSuspendedAfterTwilioQueuedTheMessageStopsTheChannelAndQueuesTheMessageAgain() throws Exception {
        created("+14155550135", "SM00000000000000000000000000000135");
        JsonNode c = launched(incidentWithPhone("T-135", "+14155550135"), "BOTH", "SMS");
        Outbox.dispatch(app());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("MessageSid", "SM00000000000000000000000000000135");
        form.put("MessageStatus", "failed");
        form.put("ErrorCode", "30002");

        assertThat(callback(form, sign(form)).statusCode()).isEqualTo(204);

        assertThat(onlyDelivery(c).get("status")).as("not the number's fault").isEqualTo("QUEUED");
        assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body().path("status").asText())
                .as("a completed campaign is sending again, or the queued message would wait where no one looks")
                .isEqualTo("SENDING");
        assertThat(progress(app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body(), "SMS")
                .path("blocked").path("reason").asText()).contains("30002");
        app().clock.advance(Duration.ofMinutes(5));
        assertThat(Outbox.dispatch(app())).contains("\"sent\":0");
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withFormParam("To", equalTo("+14155550135")));
        act(responder(), c, "cancel");
    }

    Map<String, String> report(String sid, String status, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT);
        form.put("ApiVersion", "2010-04-01");
        form.put("MessageSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsSid", sid);
        form.put("SmsStatus", status);
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }

    long kept(String sid) {
        return app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sms_status_early WHERE message_sid = :s")
                .bind("s", sid).mapTo(Long.class).one());
    }

    String matchEarlyReports() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app().adminUri() + "/tasks/match-early-sms-statuses"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void aDeliveryReportThatComesBeforeTheSidIsRecordedIsKeptAndAppliedOnceItIs() throws Exception {
        String sid = "SM00000000000000000000000000000141";
        created("+14155550141", sid);
        JsonNode c = launched(incidentWithPhone("T-141", "+14155550141"), "BOTH", "SMS");
        // Twilio's callback wins the race against our outcome update: no delivery carries the SID yet.
        Map<String, String> delivered = report(sid, "delivered", null);
        assertThat(callback(delivered, sign(delivered)).statusCode()).isEqualTo(204);
        assertThat(onlyDelivery(c).get("provider_id")).isNull();
        assertThat(kept(sid)).isEqualTo(1);
        assertThat(matchEarlyReports()).as("nothing to match yet").contains("\"applied\":0");
        assertThat(kept(sid)).isEqualTo(1);

        assertThat(Outbox.dispatch(app())).contains("\"sent\":1");
        assertThat(onlyDelivery(c).get("status")).isEqualTo("SENT");
        assertThat(matchEarlyReports()).contains("\"applied\":1");

        Map<String, Object> row = onlyDelivery(c);
        assertThat(row.get("status")).isEqualTo("DELIVERED");
        assertThat(row.get("delivered_at")).isNotNull();
        assertThat(kept(sid)).isZero();
        JsonNode view = app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body();
        assertThat(progress(view, "SMS").path("delivered").asLong()).isEqualTo(1);
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anEarlyFailureIsAppliedTooAndUnmatchedReportsAreDroppedAfterTheirRetention() throws Exception {
        String sid = "SM00000000000000000000000000000142";
        created("+14155550142", sid);
        JsonNode c = launched(incidentWithPhone("T-142", "+14155550142"), "BOTH", "SMS");
        Map<String, String> unreachable = report(sid, "undelivered", "30003");
        assertThat(callback(unreachable, sign(unreachable)).statusCode()).isEqualTo(204);
        Map<String, String> stranger = report("SM0000000000000000000000000000dead", "failed", "30005");
        assertThat(callback(stranger, sign(stranger)).statusCode()).as("not ours, or not yet").isEqualTo(204);
        Map<String, String> sent = report(sid, "sent", null);
        assertThat(callback(sent, sign(sent)).statusCode()).isEqualTo(204);
        assertThat(kept(sid)).as("only reports that change a delivery are kept").isEqualTo(1);

        Outbox.dispatch(app());
        assertThat(matchEarlyReports()).contains("\"applied\":1");
        Map<String, Object> row = onlyDelivery(c);
        assertThat(row.get("status")).as("30003 is worth another attempt").isEqualTo("QUEUED");
        assertThat((String) row.get("last_error")).isEqualTo("Twilio error 30003");

        assertThat(kept("SM0000000000000000000000000000dead")).isEqualTo(1);
        app().clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(matchEarlyReports()).contains("\"applied\":0");
        assertThat(kept("SM0000000000000000000000000000dead")).isZero();
        act(responder(), c, "cancel");
    }

    static String sign(Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC + "/hooks/twilio/status");
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<String> callback(Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app().baseUri() + "/hooks/twilio/status"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
