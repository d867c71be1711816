package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Senders as the tests play them: the secrets of test-config.yml and ways to sign and post deliveries. */
final class HookTestSupport {
    static final String AM_TOKEN = "am-test-token-0123456789";
    static final String KIBANA_TOKEN = "kibana-test-token-0123456789";
    static final String LIMITED_TOKEN = "limited-test-token-0123456789";
    static final String FLOODED_TOKEN = "flooded-test-token-0123456789";
    static final String SPLUNK_SECRET = "splunk-path-secret-0123456789";
    static final String GRAFANA_SECRET = "grafana-shared-secret";
    static final String EDR_SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String CAPPED_SECRET = "whsec_ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    private final TestApp app;

    HookTestSupport(TestApp app) {
        this.app = app;
    }

    Api.Reply post(String path, String body, String... headers) {
        return app.anonymous().send("POST", path, body, headers);
    }

    Api.Reply bearer(String source, String token, String body) {
        return post("/hooks/" + source, body, "Authorization", "Bearer " + token);
    }

    /** A Standard Webhooks delivery to the edr source, signed now by the app's clock. */
    Api.Reply signed(String messageId, String body) {
        return post("/hooks/edr", body, signedHeaders(messageId, body));
    }

    String[] signedHeaders(String messageId, String body) {
        return signedHeaders(EDR_SECRET, messageId, body);
    }

    /** Standard Webhooks headers for the body, signed with the given {@code whsec_…} key now by the app's clock. */
    String[] signedHeaders(String whsec, String messageId, String body) {
        StandardWebhookHeaders h = new StandardWebhookSigner(WebhookSecret.parse(whsec), app.clock)
                .sign(messageId, body.getBytes(StandardCharsets.UTF_8));
        List<String> headers = new ArrayList<>();
        h.asMap().forEach((k, v) -> {
            headers.add(k);
            headers.add(v);
        });
        return headers.toArray(String[]::new);
    }

    /**
     * The capped source's ceiling (1 delivery a second, 2 at once) on the app's test clock, which stands still unless
     * advanced: the third signed delivery in a row is refused 429 with Retry-After and leaves nothing behind, not even
     * its message id, so that the sender's retry a second later is accepted rather than taken for a repeat.
     */
    void assertTheCeilingRefuses429AndTheRetryIsAccepted() {
        app.clock.advance(java.time.Duration.ofMinutes(1));
        long before = deliveries("capped");
        for (int i = 0; i < 2; i++) {
            String body = generic(unique("Capped"), unique("cap"));
            Api.Reply ok = post("/hooks/capped", body, signedHeaders(CAPPED_SECRET, unique("msg"), body));
            assertThat(ok.status()).as(ok.text()).isEqualTo(202);
        }
        String title = unique("Refused");
        String body = generic(title, unique("cap"));
        String id = unique("msg");
        String[] headers = signedHeaders(CAPPED_SECRET, id, body);
        Api.Reply refused = post("/hooks/capped", body, headers);
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("hook.rate_limited");
        assertThat(refused.body().path("message").asText()).contains("1 deliveries per second").contains("1 s");
        assertThat(refused.body().has("details")).isTrue();
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(deliveries("capped")).isEqualTo(before + 2);
        assertThat(count("SELECT COUNT(*) FROM hook_delivery WHERE source = 'capped' AND message_id = ?", id))
                .isZero();
        assertThat(incidentsTitled(title)).isZero();

        app.clock.advance(java.time.Duration.ofSeconds(1));
        Api.Reply retried = post("/hooks/capped", body, headers);
        assertThat(retried.status()).as(retried.text()).isEqualTo(202);
        assertThat(deliveries("capped")).isEqualTo(before + 3);
        JsonNode meters = new Api.Raw(app.adminUri()).get("/metrics").body().path("meters");
        assertThat(meters.path("hooks.capped.rate-limited").path("count").asLong()).isGreaterThanOrEqualTo(1);
    }

    static String grafanaSignature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(GRAFANA_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Alertmanager sample with its one alert given a fingerprint, title and status of the test's own. */
    static String alertmanager(String fingerprint, String title, String status) {
        return new String(Samples.edited("alertmanager.json", t -> {
            var alert = Samples.firstAlert(t);
            alert.put("fingerprint", fingerprint);
            alert.put("status", status);
            ((com.fasterxml.jackson.databind.node.ObjectNode) alert.get("annotations")).put("summary", title);
        }), StandardCharsets.UTF_8);
    }

    static String generic(String title, String fingerprint) {
        return "{\"title\":\"" + title + "\",\"fingerprint\":\"" + fingerprint + "\",\"severity\":\"HIGH\"}";
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    long count(String sql, Object... args) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    long incidentsTitled(String title) {
        return count("SELECT COUNT(*) FROM incident WHERE title = ?", title);
    }

    long deliveries(String source) {
        return count("SELECT COUNT(*) FROM hook_delivery WHERE source = ?", source);
    }

    /** Deliveries still waiting for the worker: their queue entry has not got to them. */
    static final String WAITING = "SELECT COUNT(*) FROM hook_delivery d JOIN hook_queue q ON q.id = d.queue_id "
            + "AND d.id > q.applied_through";

    long waiting(String source) {
        return count(WAITING + " WHERE d.source = ?", source);
    }

    long waiting() {
        return count(WAITING);
    }

    /** Whether the delivery was taken in through the queue and the worker has got to it. */
    boolean appliedFromQueue(long deliveryId) {
        return count("SELECT COUNT(*) FROM hook_delivery WHERE id = ? AND status = 'ACCEPTED'", deliveryId) == 1
                && count(WAITING + " WHERE d.id = ?", deliveryId) == 0;
    }
}
