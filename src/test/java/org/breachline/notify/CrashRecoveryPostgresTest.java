package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.Api;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.breachline.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real service process (a child JVM running {@code server}) is killed with SIGKILL in the middle of a campaign and
 * started again: in the end every delivery is sent exactly once through the file sink, including those the killed
 * process had claimed and marked in flight. The test process only prepares the campaign and watches the database.
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
        Path config = childConfig(APP.database());

        child = start(config, "first");
        // Kill as soon as the child has sent some and holds a claimed batch in flight.
        Instant giveUp = Instant.now().plusSeconds(60);
        while (!(count(campaign, "SENT") > 0 && count(campaign, "SENDING") > 0)) {
            assertThat(Instant.now()).as("the child never got going; see " + config.getParent()).isBefore(giveUp);
            assertThat(child.isAlive()).as("child died; see " + config.getParent()).isTrue();
            Thread.sleep(2);
        }
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no chance to record anything
        List<Long> inFlightAtKill = APP.jdbi().withHandle(h -> h.createQuery("SELECT id FROM delivery "
                + "WHERE campaign_id = :c AND status = 'SENDING'").bind("c", campaign).mapTo(Long.class).list());
        long sentAtKill = count(campaign, "SENT");
        assertThat(inFlightAtKill).as("killed mid-batch").isNotEmpty();
        assertThat(sentAtKill).isLessThan(PEOPLE);

        child = start(config, "second");
        giveUp = Instant.now().plusSeconds(90);
        while (count(campaign, "SENT") < PEOPLE) {
            assertThat(Instant.now()).as("the restarted child did not finish; see " + config.getParent())
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

    private Path childConfig(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("breachline-crash-");
        String yaml = """
                database:
                  driverClass: org.postgresql.Driver
                  url: %s
                  user: %s
                  password: "%s"
                  validationQuery: "SELECT 1"
                  autoCommitByDefault: true
                  initialSize: 1
                  minSize: 1
                  maxSize: 4
                migrateOnStart: true
                people:
                  contactKeys:
                    activeKeyId: test
                    keys:
                      test: "W2t3tGk7zq8uJ9q1Yp8m0C8xS4dJ6rQ1bN3vZ5aL7eE="
                    indexKey: "b1Jm9yq3Lr0eT6uZ2cX8wV5nK4pH7sD1fG3jA9kQ2mE="
                notify:
                  outbox: %s
                  dispatcher:
                    enabled: true
                    pollEvery: 20ms
                    batchSize: 25
                    staleAfter: 2s
                  email:
                    ratePerSecond: 100
                server:
                  registerDefaultExceptionMappers: false
                  applicationConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                  adminConnectors:
                    - type: http
                      bindHost: 127.0.0.1
                      port: 0
                logging:
                  level: WARN
                """.formatted(db.url(), db.user(), db.password(), OUTBOX);
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yaml);
        return config;
    }

    private Process start(Path config, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The worker id defaults to host, pid and start time: the second process is a different worker.
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.breachline.BreachlineApplication", "server", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(config.getParent().resolve(name + ".log").toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
    }
}
