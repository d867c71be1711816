package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A launched campaign dispatched through the embedded file sink: every delivery once, the campaign completes. */
abstract class FileSinkDispatchContract extends CampaignContract {
    abstract Path outbox();

    @Test
    void sendsEveryDeliveryOnceAndCompletesTheCampaign() throws IOException {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "BOTH", "EMAIL", "SMS");
        String id = c.path("id").asText();

        String round = Outbox.dispatch(app());
        assertThat(round).contains("\"sent\":6");

        List<Map<String, Object>> rows = Outbox.deliveries(app(), id);
        assertThat(rows).hasSize(6).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
            assertThat(row.get("claimed_by")).isEqualTo("test-worker");
            assertThat(row.get("provider_id")).isNotNull();
            assertThat(row.get("sent_at")).isNotNull();
        });
        for (Map<String, Object> row : rows) {
            if (row.get("channel").equals("EMAIL")) {
                Path eml = outbox().resolve("email").resolve(row.get("id") + ".eml");
                String mail = Files.readString(eml);
                assertThat(mail).contains("Message-ID: <delivery-" + row.get("id") + "@breachline.notices>");
            }
        }
        String sms = Files.readString(outbox().resolve("sms.jsonl"));
        assertThat(sms).contains("+14155550103").contains("Example Corp");

        JsonNode view = responder().get("/api/campaigns/" + id).body();
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(progress(view, "EMAIL").path("sent").asLong()).isEqualTo(3);
        assertThat(progress(view, "SMS").path("sent").asLong()).isEqualTo(3);
        assertThat(progress(view, "SMS").path("eta").isNull()).isTrue();

        assertThat(Outbox.dispatch(app())).as("nothing left to send").contains("\"sent\":0");
    }

    @Test
    void handOffsAndOutcomesChangeOnlyRowsTheirWorkerStillHolds() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        List<Long> ids = Outbox.deliveries(app(), c.path("id").asText()).stream()
                .map(r -> ((Number) r.get("id")).longValue()).sorted().toList();
        assertThat(ids).hasSize(3);
        // w1 claimed all three; the middle one was since reconciled away to w2.
        app().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'w1', awaiting_handoff = TRUE "
                    + "WHERE id IN (<ids>)").bindList("ids", ids).execute();
            h.createUpdate("UPDATE delivery SET claimed_by = 'w2' WHERE id = :id").bind("id", ids.get(1)).execute();
        });

        int[] handed = app().jdbi().inTransaction(h -> h.attach(DeliveryDao.class).handOff(ids, "w1"));
        int[] sent = app().jdbi().inTransaction(h -> h.attach(DeliveryDao.class).markSent(ids.stream()
                .map(id -> new DeliveryDao.Outcome(id, "provider-" + id, "breach-notice/email/en-US", 2, null, null))
                .toList(), "w1", app().clock.instant()));

        assertThat(handed).containsExactly(1, 0, 1);
        assertThat(sent).containsExactly(1, 0, 1);
        Map<Long, Map<String, Object>> rows = new java.util.HashMap<>();
        Outbox.deliveries(app(), c.path("id").asText()).forEach(r -> rows.put(((Number) r.get("id")).longValue(), r));
        for (long id : List.of(ids.get(0), ids.get(2))) {
            assertThat(rows.get(id).get("status")).isEqualTo("SENT");
            assertThat(rows.get(id).get("provider_id")).isEqualTo("provider-" + id);
            assertThat(rows.get(id).get("template")).isEqualTo("breach-notice/email/en-US");
            assertThat(((Number) rows.get(id).get("segments")).intValue()).isEqualTo(2);
            assertThat(rows.get(id).get("awaiting_handoff")).isEqualTo(false);
        }
        Map<String, Object> theirs = rows.get(ids.get(1));
        assertThat(theirs.get("status")).isEqualTo("SENDING");
        assertThat(theirs.get("claimed_by")).isEqualTo("w2");
        assertThat(theirs.get("awaiting_handoff")).isEqualTo(true);
        assertThat(theirs.get("provider_id")).isNull();
    }

    @Test
    void aPausedCampaignSendsNothingUntilResumed() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        act(responder(), c, "pause");
        assertThat(Outbox.dispatch(app())).contains("\"sent\":0");
        act(responder(), c, "resume");
        assertThat(Outbox.dispatch(app())).contains("\"sent\":3");
    }

    @Test
    void aDeliveryLeftInFlightByADeadWorkerIsReconciledNotResent() throws IOException {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        String id = c.path("id").asText();
        Outbox.dispatch(app());
        List<Map<String, Object>> rows = Outbox.deliveries(app(), id);
        Object sentId = rows.get(0).get("id");
        Object lostId = rows.get(1).get("id");
        Files.delete(outbox().resolve("email").resolve(lostId + ".eml"));
        // Simulate a worker that died mid-batch: one file was written, one was not; both rows still in flight.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'dead-worker', "
                + "heartbeat_at = :old, provider_id = NULL WHERE id IN (:a, :b)").bind("a", sentId).bind("b", lostId)
                .bind("old", app().clock.instant().minusSeconds(3600)).execute());
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE campaign SET status = 'SENDING' WHERE id = :c")
                .bind("c", java.util.UUID.fromString(id)).execute());
        long mtime = Files.getLastModifiedTime(outbox().resolve("email").resolve(sentId + ".eml")).toMillis();

        String round = Outbox.dispatch(app());

        assertThat(round).contains("\"reconciled\":2").contains("\"sent\":1");
        Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
        Outbox.deliveries(app(), id).forEach(r -> byId.put(r.get("id"), r));
        assertThat(byId.get(sentId).get("status")).isEqualTo("SENT");
        assertThat(((Number) byId.get(sentId).get("attempts")).intValue()).as("not claimed again").isEqualTo(1);
        assertThat(Files.getLastModifiedTime(outbox().resolve("email").resolve(sentId + ".eml")).toMillis())
                .isEqualTo(mtime);
        assertThat(byId.get(lostId).get("status")).isEqualTo("SENT");
        assertThat(((Number) byId.get(lostId).get("attempts")).intValue()).isEqualTo(2);
        assertThat(outbox().resolve("email").resolve(lostId + ".eml")).exists();
        assertThat(responder().get("/api/campaigns/" + id).body().path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aPersonWhoseContactWasPurgedFailsAtOnceWithoutAnAddressInTheError() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "BOTH", "EMAIL");
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE affected_person SET email_sealed = NULL "
                + "WHERE id = (SELECT MIN(person_id) FROM delivery WHERE campaign_id = :c)")
                .bind("c", java.util.UUID.fromString(c.path("id").asText())).execute());
        assertThat(Outbox.dispatch(app())).contains("\"failed\":1");
        List<Map<String, Object>> failures = Outbox.deliveries(app(), c.path("id").asText()).stream()
                .filter(r -> "FAILED".equals(r.get("status"))).toList();
        assertThat(failures).hasSize(1);
        Map<String, Object> failed = failures.get(0);
        assertThat((String) failed.get("last_error")).contains("no email address");
        assertThat(app().as(Role.AUDITOR).get("/api/campaigns/" + c.path("id").asText()).body().path("status").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aPersonWhoseContactCannotBeOpenedFailsAloneAndTheRestIsSent() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "BOTH", "EMAIL");
        String id = c.path("id").asText();
        // The name's sealed bytes in the e-mail and reference columns: well formed, but sealed for another column, so
        // they do not open.
        long personId = app().jdbi().withHandle(h -> h.createQuery("SELECT MIN(person_id) FROM delivery WHERE campaign_id = :c")
                .bind("c", java.util.UUID.fromString(id)).mapTo(Long.class).one());
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE affected_person SET email_sealed = name_sealed, "
                + "reference_sealed = name_sealed WHERE id = :p")
                .bind("p", personId).execute());

        assertThat(Outbox.dispatch(app())).contains("\"failed\":1");
        List<Map<String, Object>> rows = Outbox.deliveries(app(), id);
        Map<String, Object> failed = rows.stream().filter(r -> ((Number) r.get("person_id")).longValue() == personId)
                .findFirst().orElseThrow();
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat((String) failed.get("last_error")).startsWith("cannot open the person's contact data: ")
                .doesNotContain("@");
        assertThat(outbox().resolve("email").resolve(failed.get("id") + ".eml")).doesNotExist();
        assertThat(rows).filteredOn(r -> "SENT".equals(r.get("status"))).hasSize(2)
                .allSatisfy(r -> assertThat(outbox().resolve("email").resolve(r.get("id") + ".eml")).exists());
        assertThat(responder().get("/api/campaigns/" + id).body().path("status").asText()).isEqualTo("COMPLETED");
        // Its failure is listed, without the reference that cannot be read.
        JsonNode listed = responder().get("/api/campaigns/" + id + "/failures").body();
        assertThat(listed.path("items")).hasSize(1);
        assertThat(listed.path("items").get(0).path("deliveryId").asLong())
                .isEqualTo(((Number) failed.get("id")).longValue());
        assertThat(listed.path("items").get(0).path("personReference").isNull()).isTrue();
    }

    @Test
    void aHandedDeliveryWhosePersonCannotBeOpenedIsQueuedAgainByReconciliationThenFails() {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        String id = c.path("id").asText();
        Map<String, Object> row = Outbox.deliveries(app(), id).get(0);
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE affected_person SET email_sealed = name_sealed WHERE id = :p")
                .bind("p", row.get("person_id")).execute());
        // A worker that died after handing it to the channel: as far as the rows tell, it may have been sent.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'dead-worker', "
                + "claimed_at = :old, heartbeat_at = :old, awaiting_handoff = FALSE, attempts = 1 WHERE id = :d")
                .bind("d", row.get("id")).bind("old", app().clock.instant().minusSeconds(3600)).execute());

        assertThat(Outbox.dispatch(app())).contains("\"reconciled\":1").contains("\"failed\":1");
        Map<String, Object> after = Outbox.deliveries(app(), id).get(0);
        assertThat(after.get("status")).isEqualTo("FAILED");
        assertThat(((Number) after.get("attempts")).intValue()).isEqualTo(2);
        assertThat((String) after.get("last_error")).startsWith("cannot open the person's contact data");
        assertThat(outbox().resolve("email").resolve(row.get("id") + ".eml")).doesNotExist();
    }

    @Test
    void writesTheSignedWebhookRequestsAsJsonLinesWhenNoUrlIsSet() throws IOException {
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "WEBHOOK");
        String id = c.path("id").asText();
        Path file = outbox().resolve("webhook.jsonl");

        Outbox.dispatch(app()); // other tests' campaigns may still have deliveries due

        List<String> lines = Files.readAllLines(file);
        assertThat(Outbox.deliveries(app(), id)).hasSize(4).allSatisfy(row -> assertThat(row.get("status"))
                .isEqualTo("SENT"));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Map<String, Object> row : Outbox.deliveries(app(), id)) {
            List<String> written = lines.stream().filter(l -> l.startsWith("{\"delivery\":" + row.get("id") + ","))
                    .toList();
            assertThat(written).as("one line per delivery").hasSize(1);
            String line = written.get(0);
            JsonNode request = mapper.readTree(line);
            JsonNode headers = request.path("headers");
            assertThat(headers.path("webhook-id").asText()).isEqualTo(row.get("provider_id"));
            assertThat(StandardWebhooksVerifier.verify(WebhookChannel.DEVELOPMENT_SECRET,
                    headers.path("webhook-id").asText(), headers.path("webhook-timestamp").asText(),
                    request.path("body").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    headers.path("webhook-signature").asText())).isTrue();
            assertThat(mapper.readTree(request.path("body").asText()).path("data").path("incidentKey").asText())
                    .isEqualTo(key);
        }
        assertThat(responder().get("/api/campaigns/" + id).body().path("status").asText()).isEqualTo("COMPLETED");
    }
}
