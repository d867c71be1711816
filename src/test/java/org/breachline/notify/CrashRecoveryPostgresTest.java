package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.Api;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real service process (a child JVM running {@code server}) is killed with SIGKILL in the middle of a campaign and
 * started again: in the end every delivery is sent exactly once through the file sink, including those the killed
 * process had claimed and marked in flight. It is killed while some of its claimed deliveries were handed to the
 * channel and others were still awaiting hand-off: none of the latter had been written. The test process only
 * prepares the campaign and watches the database.
 */
@RequiresPostgres
class CrashRecoveryPostgresTest extends CampaignContractSupport {
    static final int PEOPLE = 200;
    static final Path OUTBOX = Outbox.freshFolder();
    static final TestApp APP = TestApp.onPostgres(ConfigOverride.config("notify.outbox", OUTBOX.toString()));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    private Process child;

    @Override
    TestApp app() {
        return APP;
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void everyDeliveryIsSentExactlyOnceAcrossAKillAndARestart() throws Exception {
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; i < PEOPLE; i++) {
            csv.append("K-").append(i).append(",crash").append(i).append("@example.com,DE\n");
        }
        String key = responder().post("/api/incidents", Map.of("title", "crash")).str("key");
        Api.Reply imported = responder().send("POST", "/api/incidents/" + key + "/people", csv.toString(),
                "Content-Type", "text/csv");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        UUID campaign = UUID.fromString(c.path("id").asText());
        ChildService service = new ChildService(APP.database(), """
                notify:
                  outbox: %s
                  dispatcher:
                    enabled: true
                    pollEvery: 20ms
                    batchSize: 25
                    recordEvery: 5
                    staleAfter: 2s
                  email:
                    ratePerSecond: 100
                """.formatted(OUTBOX));

        child = service.start("first");
        // Kill as soon as the child has sent some and holds a batch in flight, partly handed to the channel.
        Instant giveUp = Instant.now().plusSeconds(120);
        while (!ChildService.midBatch(APP.jdbi(), campaign)) {
            assertThat(Instant.now()).as("the child never got going; see " + service.folder()).isBefore(giveUp);
            assertThat(child.isAlive()).as("child died; see " + service.folder()).isTrue();
            Thread.sleep(2);
        }
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no chance to record anything
        List<Long> inFlightAtKill = APP.jdbi().withHandle(h -> h.createQuery("SELECT id FROM delivery "
                + "WHERE campaign_id = :c AND status = 'SENDING'").bind("c", campaign).mapTo(Long.class).list());
        List<Long> awaitingAtKill = APP.jdbi().withHandle(h -> h.createQuery("SELECT id FROM delivery "
                + "WHERE campaign_id = :c AND status = 'SENDING' AND awaiting_handoff = TRUE").bind("c", campaign)
                .mapTo(Long.class).list());
        for (long id : awaitingAtKill) {
            assertThat(OUTBOX.resolve("email").resolve(id + ".eml")).as("awaiting hand-off means never sent").doesNotExist();
        }
        long sentAtKill = count(campaign, "SENT");
        assertThat(inFlightAtKill).as("killed mid-batch").isNotEmpty();
        assertThat(sentAtKill).isLessThan(PEOPLE);

        child = service.start("second");
        giveUp = Instant.now().plusSeconds(90);
        while (count(campaign, "SENT") < PEOPLE) {
            assertThat(Instant.now()).as("the restarted child did not finish; see " + service.folder())
                    .isBefore(giveUp);
            Thread.sleep(100);
        }

        List<Map<String, Object>> rows = Outbox.deliveries(APP, campaign.toString());
        assertThat(rows).hasSize(PEOPLE).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SENT"));
        try (Stream<Path> files = Files.list(OUTBOX.resolve("email"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".eml")).count()).isEqualTo(PEOPLE);
            for (Map<String, Object> r : rows) {
                assertThat(names).contains(r.get("id") + ".eml");
            }
        }
        // The deliveries the killed process held in flight: each settled once, by its file or by one resend.
        for (Map<String, Object> r : rows) {
            if (inFlightAtKill.contains(((Number) r.get("id")).longValue())) {
                assertThat(r.get("claimed_by")).as("settled by the restarted process").isNotNull();
                assertThat(((Number) r.get("attempts")).intValue()).isBetween(1, 2);
            }
        }
        assertThat(rows.stream().mapToInt(r -> ((Number) r.get("attempts")).intValue()).max().orElseThrow())
                .as("a delivery is claimed again only after reconciliation said it was not sent").isLessThanOrEqualTo(2);
    }

    private long count(UUID campaign, String status) {
        return APP.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery WHERE campaign_id = :c "
                + "AND status = :s").bind("c", campaign).bind("s", status).mapTo(Long.class).one());
    }
}
