package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.hooks.HookTestSupport.AM_TOKEN;
import static org.breachline.hooks.HookTestSupport.FLOODED_TOKEN;
import static org.breachline.hooks.HookTestSupport.KIBANA_TOKEN;
import static org.breachline.hooks.HookTestSupport.LIMITED_TOKEN;
import static org.breachline.hooks.HookTestSupport.SPLUNK_SECRET;
import static org.breachline.hooks.HookTestSupport.alertmanager;
import static org.breachline.hooks.HookTestSupport.generic;
import static org.breachline.hooks.HookTestSupport.unique;

/** Alerts posted to /hooks/{source}: authentication, storage, dedup into incidents, limits. Run per database. */
abstract class HookDeliveryContract {
    abstract TestApp app();

    HookTestSupport hooks() {
        return new HookTestSupport(app());
    }

    List<JsonNode> timeline(String incidentKey) {
        Api.Reply r = app().as(Role.AUDITOR).get("/api/incidents/" + incidentKey + "/timeline?limit=200");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        r.body().path("items").forEach(entries::add);
        return entries;
    }

    @Test
    void anAlertmanagerAlertOpensAnIncidentWithThePayloadVerbatimOnItsTimeline() {
        String title = unique("Exfiltration");
        String body = alertmanager(unique("fp"), title, "firing");
        Api.Reply r = hooks().bearer("am", AM_TOKEN, body);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.str("status")).isEqualTo("processed");
        JsonNode alert = r.body().path("alerts").get(0);
        assertThat(alert.path("action").asText()).isEqualTo("OPENED");
        String key = alert.path("incidentKey").asText();

        JsonNode incident = app().as(Role.AUDITOR).get("/api/incidents/" + key).body();
        assertThat(incident.path("title").asText()).isEqualTo(title);
        assertThat(incident.path("stage").asText()).isEqualTo("DETECTION");
        assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(incident.path("createdBy").asText()).isEqualTo("hook:am");
        JsonNode entry = timeline(key).stream().filter(e -> e.path("kind").asText().equals("ALERT")).findFirst()
                .orElseThrow();
        assertThat(entry.path("data").path("payload").asText()).isEqualTo(body);
        assertThat(entry.path("data").path("because").asText()).isEqualTo("FIRST_ALERT_OF_FINGERPRINT");
    }

    @Test
    void aRepeatWithinTheWindowJoinsTheIncidentAndAfterAQuietSpellOpensANewOne() {
        String fp = unique("fp");
        String title = unique("Repeat");
        String first = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing"))
                .body().path("alerts").get(0).path("incidentKey").asText();
        app().clock.advance(Duration.ofMinutes(50));
        JsonNode again = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing")).body().path("alerts").get(0);
        assertThat(again.path("action").asText()).isEqualTo("APPENDED");
        assertThat(again.path("incidentKey").asText()).isEqualTo(first);
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(timeline(first)).filteredOn(e -> e.path("kind").asText().equals("ALERT")).hasSize(2);

        // The window slides from the last alert: 50 minutes after the repeat is still within the hour.
        app().clock.advance(Duration.ofMinutes(50));
        assertThat(hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing")).body().path("alerts").get(0)
                .path("incidentKey").asText()).isEqualTo(first);

        app().clock.advance(Duration.ofMinutes(61));
        JsonNode later = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing")).body().path("alerts").get(0);
        assertThat(later.path("action").asText()).isEqualTo("OPENED");
        assertThat(later.path("because").asText()).isEqualTo("QUIET_LONGER_THAN_WINDOW");
        assertThat(hooks().incidentsTitled(title)).isEqualTo(2);
    }

    @Test
    void aResolutionIsRecordedOnTheIncidentWithoutClosingIt() {
        String fp = unique("fp");
        String title = unique("Resolved");
        String key = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing"))
                .body().path("alerts").get(0).path("incidentKey").asText();
        JsonNode resolved = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "resolved"))
                .body().path("alerts").get(0);
        assertThat(resolved.path("action").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.path("incidentKey").asText()).isEqualTo(key);
        assertThat(app().as(Role.AUDITOR).get("/api/incidents/" + key).str("stage")).isEqualTo("DETECTION");
        assertThat(timeline(key)).anyMatch(e -> e.path("kind").asText().equals("ALERT_RESOLVED"));
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_alert_group WHERE fingerprint = ? AND resolved_at IS NOT NULL",
                fp)).isEqualTo(1);
    }

    @Test
    void aFiringAlertNeverJoinsAClosedIncidentButJoinsItAgainOnceReopened() {
        String fp = unique("fp");
        String title = unique("Closed");
        String first = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing"))
                .body().path("alerts").get(0).path("incidentKey").asText();
        assertThat(transition(first, Map.of("to", "CLOSED", "note", "scanner test")).status()).isEqualTo(200);

        JsonNode afterClose = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing")).body()
                .path("alerts").get(0);
        assertThat(afterClose.path("action").asText()).isEqualTo("OPENED");
        assertThat(afterClose.path("because").asText()).isEqualTo("LATEST_INCIDENT_CLOSED");
        String second = afterClose.path("incidentKey").asText();
        assertThat(second).isNotEqualTo(first);

        assertThat(transition(second, Map.of("to", "CLOSED", "note", "same scanner")).status()).isEqualTo(200);
        assertThat(transition(second, Map.of("to", "DETECTION", "reason", "it was real after all")).status())
                .isEqualTo(200);
        JsonNode afterReopen = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "firing")).body()
                .path("alerts").get(0);
        assertThat(afterReopen.path("action").asText()).isEqualTo("APPENDED");
        assertThat(afterReopen.path("incidentKey").asText()).isEqualTo(second);
        // A resolution is recorded on a closed incident by nobody: it opens nothing either.
        assertThat(transition(second, Map.of("to", "CLOSED", "note", "done")).status()).isEqualTo(200);
        JsonNode resolved = hooks().bearer("am", AM_TOKEN, alertmanager(fp, title, "resolved")).body()
                .path("alerts").get(0);
        assertThat(resolved.path("action").asText()).isEqualTo("RECORDED");
        assertThat(hooks().incidentsTitled(title)).isEqualTo(2);
    }

    Api.Reply transition(String incidentKey, Map<String, String> body) {
        return app().as(Role.RESPONDER).post("/api/incidents/" + incidentKey + "/transitions", body);
    }

    @Test
    void aResolutionWithoutAnOpenIncidentIsKeptButOpensNothing() {
        String title = unique("Orphan");
        Api.Reply r = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), title, "resolved"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("alerts").get(0).path("action").asText()).isEqualTo("RECORDED");
        assertThat(hooks().incidentsTitled(title)).isZero();
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ? AND status = 'PROCESSED'",
                r.body().path("deliveryId").asLong())).isEqualTo(1);
    }

    @Test
    void aConcurrentBurstOfAThousandIdenticalAlertsOpensOneIncident() throws Exception {
        String fp = unique("burst");
        String title = unique("Burst");
        String body = alertmanager(fp, title, "firing");
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                calls.add(() -> hooks().bearer("am", AM_TOKEN, body).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(202);
        } finally {
            pool.shutdownNow();
        }
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(hooks().count("SELECT alert_count FROM hook_alert_group WHERE fingerprint = ?", fp)).isEqualTo(1000);
        String key = app().jdbi().withHandle(h -> h.createQuery("SELECT incident_key FROM incident WHERE title = :t")
                .bind("t", title).mapTo(String.class).one());
        assertThat(hooks().count("SELECT COUNT(*) FROM incident_timeline t JOIN incident i ON i.id = t.incident_id "
                + "WHERE i.incident_key = ? AND t.kind = 'ALERT'", key)).isEqualTo(1000);
    }

    @Test
    void aSignedGenericAlertIsAcceptedOnceAndItsReplayChangesNothing() {
        String title = unique("Ransomware");
        String body = generic(title, unique("edr"));
        String id = unique("msg");
        String[] headers = hooks().signedHeaders(id, body);
        Api.Reply first = hooks().post("/hooks/edr", body, headers);
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        long stored = hooks().deliveries("edr");

        Api.Reply replay = hooks().post("/hooks/edr", body, headers);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.str("status")).isEqualTo("duplicate");
        assertThat(hooks().deliveries("edr")).isEqualTo(stored);
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE source = 'edr' AND message_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void aWrongSignatureOrAStaleTimestampIsRefusedWith401AndNothingStored() {
        String title = unique("Forged");
        String body = generic(title, unique("edr"));
        String[] headers = hooks().signedHeaders(unique("msg"), body);
        long before = hooks().deliveries("edr");

        Api.Reply tampered = hooks().post("/hooks/edr", body.replace("HIGH", "LOW"), headers);
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.code()).isEqualTo("hook.signature_invalid");

        String[] old = hooks().signedHeaders(unique("msg"), body);
        app().clock.advance(Duration.ofMinutes(6));
        Api.Reply stale = hooks().post("/hooks/edr", body, old);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.code()).isEqualTo("hook.timestamp_stale");

        Api.Reply unsigned = hooks().post("/hooks/edr", body);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.code()).isEqualTo("hook.credentials_missing");
        assertThat(hooks().deliveries("edr")).isEqualTo(before);
        assertThat(hooks().incidentsTitled(title)).isZero();
    }

    @Test
    void aWrongOrMissingBearerGets401JsonCountedInTheMetricsAndStoresNothing() {
        long before = hooks().deliveries("am");
        String body = alertmanager(unique("fp"), unique("Bearer"), "firing");
        Api.Reply wrong = hooks().bearer("am", "not-the-token", body);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("hook.credentials_invalid");
        assertThat(wrong.body().has("message")).isTrue();
        assertThat(wrong.body().has("details")).isTrue();
        Api.Reply missing = hooks().post("/hooks/am", body);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("hook.credentials_missing");
        Api.Reply basic = hooks().post("/hooks/am", body, "Authorization", "Basic YTpi");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(hooks().deliveries("am")).isEqualTo(before);

        JsonNode metrics = new Api.Raw(app().adminUri()).get("/metrics").body().path("meters");
        assertThat(metrics.path("hooks.auth-failures").path("count").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.path("hooks.am.auth-failures").path("count").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBodyInACodingWeDoNotDecodeOrBrokenGzipIsRefusedAndStoresNothing() {
        long before = hooks().deliveries("am");
        String body = alertmanager(unique("fp"), unique("Coded"), "firing");
        Api.Reply deflate = hooks().post("/hooks/am", body, "Authorization", "Bearer " + AM_TOKEN,
                "Content-Encoding", "deflate");
        assertThat(deflate.status()).as(deflate.text()).isEqualTo(415);
        assertThat(deflate.code()).isEqualTo("request.unsupported_encoding");
        Api.Reply notGzip = hooks().post("/hooks/am", body, "Authorization", "Bearer " + AM_TOKEN,
                "Content-Encoding", "gzip");
        assertThat(notGzip.status()).as(notGzip.text()).isEqualTo(400);
        assertThat(notGzip.code()).isEqualTo("request.body_unreadable");
        assertThat(hooks().deliveries("am")).isEqualTo(before);
    }

    @Test
    void aGzippedAlertIsReadWholeAndOneCutShortIsRefused() throws Exception {
        String title = unique("Zipped");
        var packed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(alertmanager(unique("fp"), title, "firing").getBytes(StandardCharsets.UTF_8));
        }
        long before = hooks().deliveries("am");
        byte[] cut = java.util.Arrays.copyOf(packed.toByteArray(), packed.size() - 4);
        Api.Reply refused = app().anonymous().exchange(gzipped("/hooks/am", cut));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("request.body_unreadable");
        assertThat(hooks().deliveries("am")).isEqualTo(before);

        Api.Reply accepted = app().anonymous().exchange(gzipped("/hooks/am", packed.toByteArray()));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(hooks().deliveries("am")).isEqualTo(before + 1);
    }

    private java.net.http.HttpRequest gzipped(String path, byte[] body) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(app().baseUri() + path))
                .header("Authorization", "Bearer " + AM_TOKEN).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    @Test
    void anUnknownOrInvalidSourceNameGets401() {
        String body = generic("x", "y");
        assertThat(hooks().bearer("nosuchsource", AM_TOKEN, body).code()).isEqualTo("hook.source_unknown");
        assertThat(hooks().bearer("NOT_VALID", AM_TOKEN, body).status()).isEqualTo(401);
    }

    @Test
    void aFloodOfFailingDeliveriesIsAnswered429WhileTheRealSenderStillGetsIn() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            statuses.add(hooks().bearer("flooded", "guess-" + i, generic("flood", "f")).status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 25)).containsOnly(429);
        Api.Reply genuine = hooks().bearer("flooded", FLOODED_TOKEN, generic(unique("Genuine"), unique("g")));
        assertThat(genuine.status()).as(genuine.text()).isEqualTo(202);
    }

    @Test
    void theSecretPathSchemeAcceptsOnlyTheRightSecret() {
        String body = new String(Samples.bytes("splunk.json"), java.nio.charset.StandardCharsets.UTF_8);
        long before = hooks().deliveries("splunk");
        assertThat(hooks().post("/hooks/splunk/wrong-secret", body).code()).isEqualTo("hook.credentials_invalid");
        assertThat(hooks().post("/hooks/splunk", body).status()).isEqualTo(401);
        assertThat(hooks().deliveries("splunk")).isEqualTo(before);
        Api.Reply ok = hooks().post("/hooks/splunk/" + SPLUNK_SECRET, body);
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        assertThat(ok.body().path("alerts").get(0).path("action").asText()).isIn("OPENED", "APPENDED");
    }

    @Test
    void grafanaSignsWithItsOwnHmacHeader() {
        String body = new String(Samples.bytes("grafana.json"), java.nio.charset.StandardCharsets.UTF_8);
        Api.Reply ok = hooks().post("/hooks/grafana", body, "X-Grafana-Alerting-Signature",
                HookTestSupport.grafanaSignature(body));
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        Api.Reply bad = hooks().post("/hooks/grafana", body, "X-Grafana-Alerting-Signature",
                HookTestSupport.grafanaSignature(body + " "));
        assertThat(bad.status()).isEqualTo(401);
    }

    @Test
    void kibanaMayPostWithoutAJsonContentType() {
        String body = new String(Samples.bytes("elastic-kibana.json"), java.nio.charset.StandardCharsets.UTF_8);
        Api.Reply ok = hooks().post("/hooks/kibana", body, "Authorization", "Bearer " + KIBANA_TOKEN,
                "Content-Type", "text/plain");
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
    }

    @Test
    void aMalformedDeliveryIsRefused400WithTheReasonAndKeptAsADeadLetter() {
        Api.Reply r = hooks().bearer("am", AM_TOKEN, "{\"alerts\": []}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("hook.payload_malformed");
        assertThat(r.body().path("message").asText()).contains("$.alerts").contains("dead letter");
        assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo("$.alerts");

        Api.Reply notJson = hooks().bearer("am", AM_TOKEN, "this is not json");
        assertThat(notJson.status()).isEqualTo(400);
        Api.Reply letters = app().as(Role.ADMIN).get("/api/alert-sources/dead-letters?source=am");
        assertThat(letters.status()).isEqualTo(200);
        assertThat(letters.body().path("items")).anyMatch(i -> i.path("payload").asText().equals("this is not json")
                && i.path("code").asText().equals("hook.payload_malformed"));
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() {
        long before = hooks().deliveries("am");
        Api.Reply r = hooks().bearer("am", AM_TOKEN, "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("request.too_large");
        assertThat(hooks().deliveries("am")).isEqualTo(before);
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413AndNothingIsStored() {
        long before = hooks().deliveries("am");
        byte[] big = ("{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // An input stream has no length, so the client sends the body chunked, with no Content-Length to refuse early.
        Api.Reply r = app().anonymous().exchange(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(app().anonymous().base() + "/hooks/am"))
                .header("Authorization", "Bearer " + AM_TOKEN).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("request.too_large");
        assertThat(hooks().deliveries("am")).isEqualTo(before);
    }

    @Test
    void otherRequestsUnderHooksAreAnsweredInTheErrorShape() {
        Api.Reply get = app().anonymous().get("/hooks/am");
        assertThat(get.status()).as(get.text()).isEqualTo(405);
        assertThat(get.code()).isNotBlank();
        assertThat(get.body().has("message")).isTrue();
        for (String path : List.of("/hooks/", "/hooks/am/secret/more", "/hooks/am/")) {
            Api.Reply r = hooks().post(path, "{}");
            assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(404);
            assertThat(r.code()).as(path).isNotBlank();
        }
        Api.Reply ping = app().anonymous().get("/hooks/ping");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.str("status")).isEqualTo("ok");
    }

    @Test
    void overItsRateASourceIsStillAnswered202AndIdenticalDeliveriesAreCoalesced() throws Exception {
        String title = unique("Coalesced");
        String body = generic(title, unique("lim"));
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Reply r = hooks().bearer("limited", LIMITED_TOKEN, body);
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            statuses.add(r.str("status"));
        }
        // The test clock stands still, so the bucket of 2 never refills: the rest wait for the worker.
        assertThat(statuses.subList(0, 2)).containsOnly("processed");
        assertThat(statuses.subList(2, 6)).containsOnly("queued");
        awaitNoQueued("limited");
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(hooks().deliveries("limited")).isEqualTo(6);
        // How many queued deliveries the worker finds together depends on its timing; whichever it coalesces add no
        // timeline entry of their own, and the entry that absorbed them counts them.
        String key = app().jdbi().withHandle(h -> h.createQuery("SELECT incident_key FROM incident WHERE title = :t")
                .bind("t", title).mapTo(String.class).one());
        List<JsonNode> alerts = timeline(key).stream().filter(e -> e.path("kind").asText().equals("ALERT")).toList();
        long coalesced = alerts.stream().mapToLong(e -> e.path("data").path("coalesced").asLong()).sum();
        assertThat(alerts.size() + coalesced).as("every delivery on the timeline, once").isEqualTo(6);
        assertThat(alerts.stream().mapToLong(e -> e.path("data").path("coalescedDeliveries").size()).sum())
                .isEqualTo(coalesced);
    }

    @Test
    void aboveItsCeilingASourceIsRefused429WithRetryAfterAndItsRetryIsAccepted() {
        hooks().assertTheCeilingRefuses429AndTheRetryIsAccepted();
    }

    @Test
    void controlCharactersAreDroppedFromAlertTextsAndATitleOfNothingElseIsRefusedAsBlank() {
        String blank = "{\"title\":\"\\u0000\\u0001\",\"fingerprint\":\"" + unique("ctl") + "\"}";
        Api.Reply refused = hooks().signed(unique("msg"), blank);
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("hook.payload_malformed");
        assertThat(refused.body().path("details").get(0).path("field").asText()).isEqualTo("$.title");

        String title = unique("Nul");
        String withNul = "{\"title\":\"" + title + "\\u0000\",\"description\":\"line\\none\\u0007\","
                + "\"labels\":{\"host\\u0000\":\"fs\\u0000-03\"}}";
        Api.Reply ok = hooks().signed(unique("msg"), withNul);
        assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        String key = ok.body().path("alerts").get(0).path("incidentKey").asText();
        JsonNode incident = app().as(Role.AUDITOR).get("/api/incidents/" + key).body();
        assertThat(incident.path("title").asText()).isEqualTo(title);
        assertThat(incident.path("description").asText()).isEqualTo("line\none");
        JsonNode alert = timeline(key).stream().filter(e -> e.path("kind").asText().equals("ALERT")).findFirst()
                .orElseThrow();
        assertThat(alert.path("data").path("labels").path("host").asText()).isEqualTo("fs-03");
    }

    @Test
    void thePingAnswersWithoutCredentials() {
        Api.Reply r = app().anonymous().get("/hooks/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.str("status")).isEqualTo("ok");
    }

    @Test
    void theBearerApiFilterDoesNotGuardHooks() {
        Api.Reply r = app().as(Role.AUDITOR).send("POST", "/hooks/am", alertmanager(unique("fp"), unique("x"), "firing"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("hook.credentials_invalid");
    }

    void awaitNoQueued(String source) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hooks().waiting(source) > 0) {
            assertThat(System.nanoTime()).as("queued deliveries applied by the worker").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
