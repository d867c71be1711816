package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.hooks.HookTestSupport.AM_TOKEN;
import static org.breachline.hooks.HookTestSupport.alertmanager;
import static org.breachline.hooks.HookTestSupport.generic;
import static org.breachline.hooks.HookTestSupport.unique;

/** hooks.processing: DEFERRED — stored and answered at once, applied by the worker. Run per database. */
abstract class DeferredProcessingContract {
    abstract TestApp app();

    static ConfigOverride deferred() {
        return ConfigOverride.config("hooks.processing", "DEFERRED");
    }

    HookTestSupport hooks() {
        return new HookTestSupport(app());
    }

    @Test
    void aboveItsCeilingASourceIsRefused429WithRetryAfterAndItsRetryIsAccepted() {
        hooks().assertTheCeilingRefuses429AndTheRetryIsAccepted();
    }

    @Test
    void aDeliveryIsQueuedAtOnceAndThenOpensItsIncident() throws InterruptedException {
        String title = unique("Deferred");
        Api.Reply r = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), title, "firing"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.str("status")).isEqualTo("queued");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hooks().incidentsTitled(title) == 0) {
            assertThat(System.nanoTime()).as("the worker applies the delivery").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(hooks().appliedFromQueue(r.body().path("deliveryId").asLong())).isTrue();
    }

    @Test
    void deliveriesOlderThanTheRetentionAreForgottenAndTheirIncidentsStay() throws InterruptedException {
        String title = unique("Retained");
        Api.Reply old = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), title, "firing"));
        assertThat(old.status()).as(old.text()).isEqualTo(202);
        long oldId = old.body().path("deliveryId").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hooks().incidentsTitled(title) == 0) {
            assertThat(System.nanoTime()).as("the worker applies the delivery").isLessThan(deadline);
            Thread.sleep(50);
        }

        app().clock.advance(Duration.ofDays(91));
        Api.Reply fresh = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), unique("Fresh"), "firing"));
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(202);
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ?", oldId) > 0) {
            assertThat(System.nanoTime()).as("the worker forgets the 91-day-old delivery").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ?",
                fresh.body().path("deliveryId").asLong())).as("a recent delivery stays").isEqualTo(1);
        assertThat(hooks().incidentsTitled(title)).as("what the alert did stays").isEqualTo(1);
    }

    @Test
    void anUnreadableDeliveryIsStillRefusedAtOnceAndKept() {
        Api.Reply r = hooks().bearer("am", AM_TOKEN, "{\"alerts\": 3}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("hook.payload_malformed");
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE status = 'DEAD_LETTER' "
                + "AND error_code = 'hook.payload_malformed'")).isEqualTo(1);
    }

    @Test
    void aDeliveryTheIncidentRefusesBecomesADeadLetterAndTheQueueBehindItMovesOn() throws InterruptedException {
        String poison = unique("Poison");
        String genuine = unique("Genuine");
        // A constraint of the test's own stands for whatever an incident might refuse that the parser let through.
        alterIncidentTable("ADD CONSTRAINT test_poison CHECK (title <> '" + poison + "')");
        try {
            Api.Reply refused = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), poison, "firing"));
            Api.Reply behind = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), genuine, "firing"));
            assertThat(refused.status()).as(refused.text()).isEqualTo(202);
            assertThat(behind.status()).as(behind.text()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hooks().incidentsTitled(genuine) == 0) {
                assertThat(System.nanoTime()).as("the delivery behind the refused one is applied").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ? AND status = 'DEAD_LETTER' "
                    + "AND error_code = 'hook.apply_failed'", refused.body().path("deliveryId").asLong())).isEqualTo(1);
            assertThat(hooks().incidentsTitled(poison)).isZero();
            Api.Reply letters = app().as(Role.ADMIN).get("/api/alert-sources/dead-letters?source=am");
            assertThat(letters.body().path("items")).anyMatch(i -> i.path("code").asText().equals("hook.apply_failed")
                    && i.path("reason").asText().contains("error id"));
        } finally {
            alterIncidentTable("DROP CONSTRAINT test_poison");
        }
    }

    /**
     * ALTER TABLE needs the table to itself; the worker may still be applying an earlier test's deliveries, and H2
     * gives up on the lock after a second or two, so try again for a while.
     */
    private void alterIncidentTable(String change) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                app().jdbi().useHandle(h -> h.execute("ALTER TABLE incident " + change));
                return;
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).toLowerCase().contains("lock")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void badCredentialsStoreNothing() {
        // Counted for the one source: other tests' deliveries may still be waiting for the worker.
        long before = hooks().deliveries("am");
        assertThat(hooks().bearer("am", "wrong", alertmanager(unique("fp"), unique("t"), "firing")).status())
                .isEqualTo(401);
        assertThat(hooks().deliveries("am")).isEqualTo(before);
    }

    @Test
    void aBurstOfAThousandIdenticalAlertsOpensOneIncidentWhoseTimelineAccountsForEveryDelivery() throws Exception {
        String fp = unique("burst");
        String title = unique("Burst");
        String body = alertmanager(fp, title, "firing");
        List<Api.Reply> replies = concurrently(1000, i -> hooks().bearer("am", AM_TOKEN, body));
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            assertThat(r.str("status")).isEqualTo("queued");
        });
        awaitNoQueued();
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        assertThat(hooks().count("SELECT alert_count FROM hook_alert_group WHERE fingerprint = ?", fp)).isEqualTo(1000);

        Set<Long> delivered = new HashSet<>();
        replies.forEach(r -> delivered.add(r.body().path("deliveryId").asLong()));
        assertThat(delivered).hasSize(1000);
        // Identical deliveries the worker found together share one timeline entry, which names them all.
        Set<Long> onTimeline = new HashSet<>();
        for (JsonNode e : alertEntries(title)) {
            assertThat(e.path("data").path("payload").asText()).isEqualTo(body);
            onTimeline.add(e.path("data").path("deliveryId").asLong());
            e.path("data").path("coalescedDeliveries").forEach(id -> onTimeline.add(id.asLong()));
            assertThat(e.path("data").path("coalesced").asInt()).isEqualTo(e.path("data").path("coalescedDeliveries").size());
        }
        assertThat(onTimeline).isEqualTo(delivered);
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE payload_sha256 = ? AND status = 'ACCEPTED'",
                HookService.sha256(body.getBytes()))).isEqualTo(1000);
        assertThat(hooks().count(HookTestSupport.WAITING + " WHERE d.payload_sha256 = ?",
                HookService.sha256(body.getBytes()))).isZero();
    }

    @Test
    void differentAlertsOfOneFingerprintEachGetTheirOwnTimelineEntryOnOneIncident() throws Exception {
        String fp = unique("fp");
        String title = unique("Distinct");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            bodies.add("{\"title\":\"" + title + "\",\"fingerprint\":\"" + fp + "\",\"severity\":\"HIGH\","
                    + "\"labels\":{\"n\":\"" + i + "\"}}");
        }
        List<Api.Reply> replies = concurrently(bodies.size(), i -> hooks().bearer("limited", HookTestSupport.LIMITED_TOKEN, bodies.get(i)));
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(202));
        awaitNoQueued();
        assertThat(hooks().incidentsTitled(title)).isEqualTo(1);
        List<JsonNode> entries = alertEntries(title);
        assertThat(entries).hasSize(bodies.size());
        assertThat(entries).extracting(e -> e.path("data").path("payload").asText())
                .containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(entries).allSatisfy(e -> assertThat(e.path("data").has("coalesced")).isFalse());
    }

    @Test
    void aSignedMessageSentManyTimesAtOnceIsStoredOnceAndTheRestAreDuplicates() throws Exception {
        String body = generic(unique("Replay"), unique("edr"));
        String[] headers = hooks().signedHeaders(unique("msg"), body);
        long before = hooks().deliveries("edr");
        List<Api.Reply> replies = concurrently(20, i -> hooks().post("/hooks/edr", body, headers));
        assertThat(replies).filteredOn(r -> r.status() == 202).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() == 200)
                .hasSize(19)
                .allSatisfy(r -> assertThat(r.str("status")).isEqualTo("duplicate"));
        assertThat(hooks().deliveries("edr")).isEqualTo(before + 1);
    }

    @Test
    void aStoredBatchKeepsEachPayloadWithItsIdAndTreatsAnIdSeenBeforeOrEarlierInTheBatchAsADuplicate() {
        Instant at = Instant.parse("2026-03-06T10:00:00.123456Z");
        String stored = unique("stored");
        String fresh = unique("fresh");
        app().jdbi().useTransaction(h -> {
            DeliveryIntakeDao dao = h.attach(DeliveryIntakeDao.class);
            DeliveryBatcher.storeAll(dao, new QueueIds(), List.of(pending("edr", at, "before", stored)));
            List<HookOutcome> outcomes = DeliveryBatcher.storeAll(dao, new QueueIds(), List.of(
                    pending("edr", at.plusMillis(1), "a", fresh),
                    pending("edr", at.plusMillis(2), "b", stored),
                    pending("edr", at.plusMillis(3), "c", fresh),
                    pending("edr", at.plusMillis(4), "d", null),
                    pending("grafana", at.plusMillis(5), "e", fresh)));
            assertThat(outcomes).extracting(o -> o.getClass().getSimpleName())
                    .containsExactly("Queued", "Duplicate", "Duplicate", "Queued", "Queued");
            List<String> stores = new ArrayList<>();
            for (int i : new int[] {0, 3, 4}) {
                long id = ((HookOutcome.Queued) outcomes.get(i)).deliveryId();
                stores.add(h.createQuery("SELECT source, payload, payload_size, received_at, message_id FROM "
                        + "hook_delivery WHERE id = :id").bind("id", id).map((rs, ctx) -> rs.getString(1) + " "
                        + new String(rs.getBytes(2), StandardCharsets.UTF_8) + " " + rs.getInt(3) + " "
                        + rs.getObject(4, java.time.OffsetDateTime.class).toInstant() + " " + rs.getString(5)).one());
            }
            assertThat(stores).containsExactly("edr a 1 " + at.plusMillis(1) + " " + fresh,
                    "edr d 1 " + at.plusMillis(4) + " null", "grafana e 1 " + at.plusMillis(5) + " " + fresh);
            assertThat(h.createQuery("SELECT COUNT(*) FROM hook_queue q JOIN hook_delivery d ON d.queue_id = q.id "
                    + "WHERE d.id = :id AND q.first_delivery_id = d.id").bind("id",
                    ((HookOutcome.Queued) outcomes.get(0)).deliveryId()).mapTo(Long.class).one())
                    .as("the batch's queue entry starts at its first stored delivery").isEqualTo(1);
            // Nothing of this test stays for the worker.
            h.rollback();
        });
    }

    @Test
    void aBatchOfReplaysOnlyStoresAndQueuesNothing() {
        Instant at = Instant.parse("2026-03-06T11:00:00Z");
        String first = unique("first");
        String second = unique("second");
        app().jdbi().useTransaction(h -> {
            DeliveryIntakeDao dao = h.attach(DeliveryIntakeDao.class);
            DeliveryBatcher.storeAll(dao, new QueueIds(), List.of(pending("edr", at, "a", first),
                    pending("edr", at, "b", second)));
            List<HookOutcome> outcomes = DeliveryBatcher.storeAll(dao, new QueueIds(), List.of(
                    pending("edr", at.plusSeconds(1), "c", second), pending("edr", at.plusSeconds(2), "d", first)));
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(HookOutcome.Duplicate.class));
            assertThat(h.createQuery("SELECT COUNT(*) FROM hook_delivery WHERE message_id IN (:a, :b)")
                    .bind("a", first).bind("b", second).mapTo(Long.class).one()).isEqualTo(2);
            // The worker may be deleting other tests' entries meanwhile: only this batch's own time is counted.
            assertThat(h.createQuery("SELECT COUNT(*) FROM hook_queue WHERE queued_at = :t")
                    .bind("t", at.plusSeconds(1)).mapTo(Long.class).one())
                    .as("no queue entry for a batch with nothing stored").isZero();
            h.rollback();
        });
    }

    @Test
    void aRefusedDeliveryInsideAStoredBatchIsSetAsideAndTheRestOfTheBatchIsApplied() throws InterruptedException {
        String before = unique("BatchBefore");
        String poison = unique("BatchPoison");
        String after = unique("BatchAfter");
        alterIncidentTable("ADD CONSTRAINT test_batch_poison CHECK (title <> '" + poison + "')");
        try {
            Instant at = app().clock.instant();
            List<HookOutcome> stored = app().jdbi().inTransaction(h -> DeliveryBatcher.storeAll(
                    h.attach(DeliveryIntakeDao.class), new QueueIds(), List.of(alert(at, before), alert(at, poison), alert(at, after))));
            List<Long> ids = stored.stream().map(o -> ((HookOutcome.Queued) o).deliveryId()).toList();
            assertThat(hooks().count("SELECT COUNT(DISTINCT queue_id) FROM hook_delivery WHERE id IN (?, ?, ?)",
                    ids.get(0), ids.get(1), ids.get(2))).as("one stored batch, one queue entry").isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (hooks().incidentsTitled(after) == 0) {
                assertThat(System.nanoTime()).as("the batch's last delivery is applied").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(hooks().incidentsTitled(before)).isEqualTo(1);
            assertThat(hooks().incidentsTitled(poison)).isZero();
            assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ? AND status = 'DEAD_LETTER' "
                    + "AND error_code = 'hook.apply_failed'", ids.get(1))).isEqualTo(1);
            assertThat(hooks().appliedFromQueue(ids.get(0))).isTrue();
            assertThat(hooks().appliedFromQueue(ids.get(2))).isTrue();
            assertThat(hooks().count("SELECT COUNT(*) FROM hook_queue WHERE id = (SELECT queue_id FROM hook_delivery "
                    + "WHERE id = ?)", ids.get(0))).as("the entry is gone once all of it is done").isZero();
        } finally {
            alterIncidentTable("DROP CONSTRAINT test_batch_poison");
        }
    }

    @Test
    void queueIdsOfTwoInstancesNeverMeet() {
        QueueIds one = new QueueIds();
        QueueIds other = new QueueIds();
        List<Long> ofOne = new ArrayList<>();
        Set<Long> ofOther = new HashSet<>();
        app().jdbi().useHandle(h -> {
            DeliveryIntakeDao dao = h.attach(DeliveryIntakeDao.class);
            for (int i = 0; i < QueueIds.BLOCK + 1; i++) {
                ofOne.add(one.next(dao));
                if (i % 100 == 0) {
                    ofOther.add(other.next(dao));
                }
            }
        });
        for (int k = 0; k < QueueIds.BLOCK; k++) {
            assertThat(ofOne.get(k)).as("one block, taken in one round trip").isEqualTo(ofOne.get(0) + k);
        }
        assertThat(ofOne.get(QueueIds.BLOCK)).as("the next block, past the other instance's")
                .isGreaterThanOrEqualTo(ofOne.get(0) + 2L * QueueIds.BLOCK);
        assertThat(ofOther).hasSize(11).doesNotContainAnyElementsOf(ofOne);
    }

    private static DeliveryBatcher.Pending alert(Instant at, String title) {
        byte[] body = alertmanager(unique("fp"), title, "firing").getBytes(StandardCharsets.UTF_8);
        return new DeliveryBatcher.Pending(new NewDelivery("am", at, body, HookService.sha256(body), null),
                new java.util.concurrent.CompletableFuture<>());
    }

    private static DeliveryBatcher.Pending pending(String source, Instant at, String body, String messageId) {
        return new DeliveryBatcher.Pending(new NewDelivery(source, at, body.getBytes(StandardCharsets.UTF_8),
                "0".repeat(64), messageId), new java.util.concurrent.CompletableFuture<>());
    }

    interface Send {
        Api.Reply send(int i) throws Exception;
    }

    static List<Api.Reply> concurrently(int n, Send send) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Callable<Api.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> send.send(index));
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : pool.invokeAll(calls)) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    List<JsonNode> alertEntries(String title) {
        String key = app().jdbi().withHandle(h -> h.createQuery("SELECT incident_key FROM incident WHERE title = :t")
                .bind("t", title).mapTo(String.class).one());
        List<JsonNode> entries = new ArrayList<>();
        for (int offset = 0; ; offset += 200) {
            Api.Reply r = app().as(Role.AUDITOR).get("/api/incidents/" + key + "/timeline?limit=200&offset=" + offset);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            r.body().path("items").forEach(e -> {
                if (e.path("kind").asText().equals("ALERT")) {
                    entries.add(e);
                }
            });
            if (r.body().path("items").size() < 200) {
                return entries;
            }
        }
    }

    void awaitNoQueued() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (hooks().waiting() > 0) {
            assertThat(System.nanoTime()).as("queued deliveries applied by the worker").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
