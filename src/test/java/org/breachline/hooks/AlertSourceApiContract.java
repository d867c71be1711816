package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.hooks.HookTestSupport.generic;
import static org.breachline.hooks.HookTestSupport.unique;

/** Alert sources and dead letters through /api/alert-sources: create, list, rotate, revoke, replay. Run per database. */
abstract class AlertSourceApiContract {
    abstract TestApp app();

    Api admin() {
        return app().as(Role.ADMIN);
    }

    HookTestSupport hooks() {
        return new HookTestSupport(app());
    }

    String name() {
        return unique("src").toLowerCase();
    }

    long sources() {
        return hooks().count("SELECT COUNT(*) FROM hook_source");
    }

    JsonNode create(String name, String format, String auth) {
        Api.Reply r = admin().post("/api/alert-sources", Map.of("name", name, "format", format, "auth", auth,
                "defaultSeverity", "MEDIUM", "dedupWindow", "PT2H"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body();
    }

    @Test
    void aCreatedSourceShowsItsSecretOnceAndTheSecretWorksOnItsHook() {
        String name = name();
        JsonNode created = create(name, "GENERIC", "BEARER");
        String secret = created.path("secret").asText();
        assertThat(secret).hasSize(43);
        assertThat(created.path("source").path("dedupWindow").asText()).isEqualTo("PT2H");
        assertThat(created.path("hookPath").asText()).isEqualTo("/hooks/" + name);

        String title = unique("Via API source");
        Api.Reply hook = hooks().bearer(name, secret, "{\"title\":\"" + title + "\"}");
        assertThat(hook.status()).as(hook.text()).isEqualTo(202);
        assertThat(app().as(Role.AUDITOR).get("/api/incidents/" + hook.body().path("alerts").get(0)
                .path("incidentKey").asText()).str("severity")).isEqualTo("MEDIUM");

        Api.Reply list = admin().get("/api/alert-sources");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).doesNotContain(secret);
        assertThat(list.body()).anyMatch(s -> s.path("name").asText().equals(name)
                && s.path("origin").asText().equals("API") && s.path("active").asBoolean());
        assertThat(list.body()).anyMatch(s -> s.path("name").asText().equals("am")
                && s.path("origin").asText().equals("CONFIG"));
        String stored = app().jdbi().withHandle(h -> h.createQuery("SELECT stored_secret FROM hook_source WHERE name = :n")
                .bind("n", name).mapTo(String.class).one());
        assertThat(stored).startsWith("sha256:").doesNotContain(secret);
    }

    @Test
    void aSecretPathSourceIsToldItsFullPathAndAStandardWebhooksSourceItsWhsecKey() {
        JsonNode path = create(name(), "SPLUNK", "SECRET_PATH");
        assertThat(path.path("hookPath").asText()).endsWith("/" + path.path("secret").asText());
        JsonNode signed = create(name(), "GENERIC", "STANDARD_WEBHOOKS");
        assertThat(signed.path("secret").asText()).startsWith("whsec_");
    }

    @Test
    void signingKeysAreSealedAtRestAndStillVerify() {
        String name = name();
        String key = create(name, "GENERIC", "STANDARD_WEBHOOKS").path("secret").asText();
        String stored = storedSecret(name);
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(key).doesNotContain(key.substring("whsec_".length()));
        assertThat(signedTo(name, key).status()).as("the sealed key verifies").isEqualTo(202);

        String rotated = admin().post("/api/alert-sources/" + name + "/rotate", null).str("secret");
        assertThat(storedSecret(name)).startsWith("sealed:v1:").isNotEqualTo(stored).doesNotContain(rotated);
        assertThat(signedTo(name, rotated).status()).isEqualTo(202);
        assertThat(signedTo(name, key).status()).isEqualTo(401);

    }

    @Test
    void aKeyStoredInPlaintextByAnEarlierVersionStillVerifies() {
        String name = name();
        String key = create(name, "GENERIC", "STANDARD_WEBHOOKS").path("secret").asText();
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE hook_source SET stored_secret = :s WHERE name = :n")
                .bind("s", key).bind("n", name).execute());
        assertThat(signedTo(name, key).status()).isEqualTo(202);
    }

    private String storedSecret(String name) {
        return app().jdbi().withHandle(h -> h.createQuery("SELECT stored_secret FROM hook_source WHERE name = :n")
                .bind("n", name).mapTo(String.class).one());
    }

    private Api.Reply signedTo(String source, String whsec) {
        String body = generic(unique("signed"), unique("fp"));
        return hooks().post("/hooks/" + source, body, hooks().signedHeaders(whsec, unique("msg"), body));
    }

    @Test
    void rotatingReplacesTheSecretAtOnce() {
        String name = name();
        String old = create(name, "GENERIC", "BEARER").path("secret").asText();
        Api.Reply rotated = admin().post("/api/alert-sources/" + name + "/rotate", null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String fresh = rotated.str("secret");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.body().path("source").path("rotatedAt").isNull()).isFalse();
        assertThat(hooks().bearer(name, old, generic(unique("t"), "f")).status()).isEqualTo(401);
        assertThat(hooks().bearer(name, fresh, generic(unique("t"), "f")).status()).isEqualTo(202);
    }

    @Test
    void rotatingWithAGracePeriodAcceptsTheReplacedKeyUntilItEnds() {
        String name = name();
        String old = create(name, "GENERIC", "STANDARD_WEBHOOKS").path("secret").asText();
        Api.Reply rotated = admin().post("/api/alert-sources/" + name + "/rotate?previousValidFor=PT1H", null);
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String fresh = rotated.str("secret");
        String graceEnds = rotated.body().path("source").path("previousSecretValidUntil").asText();
        assertThat(java.time.Instant.parse(graceEnds)).isEqualTo(app().clock.instant()
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(java.time.Duration.ofHours(1)));
        String previous = app().jdbi().withHandle(h -> h.createQuery(
                "SELECT previous_secret FROM hook_source WHERE name = :n").bind("n", name).mapTo(String.class).one());
        assertThat(previous).as("the replaced key stays sealed").startsWith("sealed:v1:")
                .doesNotContain(old.substring("whsec_".length()));

        assertThat(signedTo(name, fresh).status()).isEqualTo(202);
        assertThat(signedTo(name, old).status()).as("the replaced key during the grace period").isEqualTo(202);

        app().clock.advance(java.time.Duration.ofMinutes(61));
        assertThat(signedTo(name, old).status()).as("the replaced key after the grace period").isEqualTo(401);
        assertThat(signedTo(name, fresh).status()).isEqualTo(202);
        assertThat(admin().get("/api/alert-sources").body()).anyMatch(s -> s.path("name").asText().equals(name)
                && s.path("previousSecretValidUntil").isNull());
    }

    @Test
    void aRevokedSourceEndsTheGracePeriodAndTheGracePeriodIsBounded() {
        String name = name();
        String old = create(name, "GENERIC", "BEARER").path("secret").asText();
        assertThat(admin().post("/api/alert-sources/" + name + "/rotate?previousValidFor=P8D", null).code())
                .isEqualTo("request.validation_failed");
        assertThat(admin().post("/api/alert-sources/" + name + "/rotate?previousValidFor=soon", null).code())
                .isEqualTo("request.invalid_field");
        assertThat(hooks().bearer(name, old, generic(unique("t"), "f")).status()).as("nothing rotated").isEqualTo(202);

        assertThat(admin().post("/api/alert-sources/" + name + "/rotate?previousValidFor=P7D", null).status())
                .isEqualTo(200);
        assertThat(hooks().bearer(name, old, generic(unique("t"), "f")).status()).isEqualTo(202);
        assertThat(admin().post("/api/alert-sources/" + name + "/revoke", null).status()).isEqualTo(200);
        assertThat(hooks().bearer(name, old, generic(unique("t"), "f")).status()).isEqualTo(401);
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_source WHERE name = ? AND previous_secret IS NULL",
                name)).isEqualTo(1);
    }

    @Test
    void aRevokedSourceRefusesDeliveriesBothWaysOfRevoking() {
        String byPost = name();
        String secret = create(byPost, "GENERIC", "BEARER").path("secret").asText();
        Api.Reply revoked = admin().post("/api/alert-sources/" + byPost + "/revoke", null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().path("active").asBoolean()).isFalse();
        Api.Reply refused = hooks().bearer(byPost, secret, generic(unique("t"), "f"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("hook.source_unknown");
        assertThat(admin().post("/api/alert-sources/" + byPost + "/rotate", null).code())
                .isEqualTo("alert_source.revoked");

        String byDelete = name();
        String other = create(byDelete, "GENERIC", "BEARER").path("secret").asText();
        Api.Reply deleted = admin().send("DELETE", "/api/alert-sources/" + byDelete, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(hooks().bearer(byDelete, other, generic(unique("t"), "f")).status()).isEqualTo(401);
        // Revoking twice is harmless: the first revocation time stays.
        assertThat(admin().send("DELETE", "/api/alert-sources/" + byDelete, null).body().path("revokedAt"))
                .isEqualTo(deleted.body().path("revokedAt"));
    }

    @Test
    void badInputIsRefusedWithAClearErrorAndNothingIsStored() {
        long before = sources();
        Api.Reply unknownField = admin().post("/api/alert-sources", Map.of("name", name(), "format", "GENERIC",
                "auth", "BEARER", "secret", "mine"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.code()).isEqualTo("request.unknown_field");

        Api.Reply badFormat = admin().post("/api/alert-sources", Map.of("name", name(), "format", "NAGIOS",
                "auth", "BEARER"));
        assertThat(badFormat.status()).isEqualTo(400);

        Api.Reply badName = admin().post("/api/alert-sources", Map.of("name", "Has Spaces", "format", "GENERIC",
                "auth", "BEARER"));
        assertThat(badName.status()).isEqualTo(422);
        assertThat(badName.body().path("details").get(0).path("field").asText()).isEqualTo("name");

        Api.Reply missing = admin().post("/api/alert-sources", Map.of("name", name()));
        assertThat(missing.status()).isEqualTo(422);

        Api.Reply window = admin().post("/api/alert-sources", Map.of("name", name(), "format", "GENERIC",
                "auth", "BEARER", "dedupWindow", "PT1S"));
        assertThat(window.status()).isEqualTo(422);
        assertThat(window.body().path("details").get(0).path("field").asText()).isEqualTo("dedupWindow");

        // A bare number would have been read as seconds: a unit the sender may not have meant.
        long sources = admin().get("/api/alert-sources").body().size();
        Api.Reply seconds = admin().post("/api/alert-sources", Map.of("name", name(), "format", "GENERIC",
                "auth", "BEARER", "dedupWindow", 3600));
        assertThat(seconds.status()).as(seconds.text()).isEqualTo(400);
        assertThat(seconds.body().path("details").get(0).path("field").asText()).isEqualTo("dedupWindow");
        assertThat(seconds.body().path("details").get(0).path("problem").asText()).contains("ISO-8601 duration");
        assertThat(admin().get("/api/alert-sources").body().size()).isEqualTo(sources);

        Api.Reply headerForBearer = admin().post("/api/alert-sources", Map.of("name", name(), "format", "GENERIC",
                "auth", "BEARER", "signatureHeader", "X-Sig"));
        assertThat(headerForBearer.status()).isEqualTo(422);

        Api.Reply notJson = admin().send("POST", "/api/alert-sources", "{", "Content-Type", "application/json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(sources()).isEqualTo(before);
    }

    @Test
    void namesAreUniqueAcrossConfigAndApi() {
        String name = name();
        create(name, "GENERIC", "BEARER");
        long before = sources();
        Api.Reply again = admin().post("/api/alert-sources", Map.of("name", name, "format", "GENERIC", "auth", "BEARER"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("alert_source.name_taken");
        Api.Reply configured = admin().post("/api/alert-sources", Map.of("name", "am", "format", "GENERIC",
                "auth", "BEARER"));
        assertThat(configured.status()).isEqualTo(409);
        assertThat(sources()).isEqualTo(before);
    }

    @Test
    void configuredSourcesCannotBeChangedThroughTheApiAndUnknownOnesAre404() {
        assertThat(admin().post("/api/alert-sources/am/rotate", null).code()).isEqualTo("alert_source.configured");
        assertThat(admin().send("DELETE", "/api/alert-sources/am", null).status()).isEqualTo(409);
        Api.Reply unknown = admin().post("/api/alert-sources/nosuch/revoke", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("alert_source.not_found");
        assertThat(hooks().bearer("am", HookTestSupport.AM_TOKEN, HookTestSupport.alertmanager(unique("fp"),
                unique("still works"), "firing")).status()).isEqualTo(202);
    }

    @Test
    void aDeadLetterCanBeReplayedOnceItsCauseIsFixed() {
        String name = name();
        String secret = create(name, "GENERIC", "BEARER").path("secret").asText();
        // An Alertmanager body sent to a source configured as GENERIC: no title, so refused and kept.
        String title = unique("Replayed");
        String body = HookTestSupport.alertmanager(unique("fp"), title, "firing");
        Api.Reply refused = hooks().bearer(name, secret, body);
        assertThat(refused.status()).isEqualTo(400);
        JsonNode letter = admin().get("/api/alert-sources/dead-letters?source=" + name).body().path("items").get(0);
        long id = letter.path("id").asLong();
        assertThat(letter.path("payload").asText()).isEqualTo(body);

        Api.Reply stillBad = admin().post("/api/alert-sources/dead-letters/" + id + "/replay", null);
        assertThat(stillBad.status()).isEqualTo(400);
        assertThat(stillBad.code()).isEqualTo("hook.payload_malformed");

        // The operator fixes the source's format; the replay then opens the incident the alert should have opened.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE hook_source SET format = 'ALERTMANAGER' WHERE name = :n")
                .bind("n", name).execute());
        Api.Reply replayed = admin().post("/api/alert-sources/dead-letters/" + id + "/replay", null);
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.body().path("alerts").get(0).path("action").asText()).isEqualTo("OPENED");
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(admin().get("/api/alert-sources/dead-letters?source=" + name).body().path("total").asLong())
                .isZero();

        Api.Reply twice = admin().post("/api/alert-sources/dead-letters/" + id + "/replay", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
    }

    @Test
    void replayingWhatIsNoDeadLetterIsRefused() {
        assertThat(admin().post("/api/alert-sources/dead-letters/999999/replay", null).status()).isEqualTo(404);
        assertThat(admin().post("/api/alert-sources/dead-letters/abc/replay", null).status()).isEqualTo(404);
        assertThat(admin().get("/api/alert-sources/dead-letters?limit=0").status()).isEqualTo(400);
    }
}
