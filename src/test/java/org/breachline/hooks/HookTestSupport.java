package org.breachline.hooks;

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

/** Senders as the tests play them: the secrets of test-config.yml and ways to sign and post deliveries. */
final class HookTestSupport {
    static final String AM_TOKEN = "am-test-token-0123456789";
    static final String KIBANA_TOKEN = "kibana-test-token-0123456789";
    static final String LIMITED_TOKEN = "limited-test-token-0123456789";
    static final String FLOODED_TOKEN = "flooded-test-token-0123456789";
    static final String SPLUNK_SECRET = "splunk-path-secret-0123456789";
    static final String GRAFANA_SECRET = "grafana-shared-secret";
    static final String EDR_SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

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
}
