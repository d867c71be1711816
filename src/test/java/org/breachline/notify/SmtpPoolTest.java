package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SMTP pool end to end, against a recording SMTP server: several connections send at once, each is reused
 * across messages, outcomes are recorded a window at a time, and the rate the pool achieves is what the capacity
 * planner then plans with. The server moves the application's clock by 25 ms per message taken, as if each took
 * that long, so the measured rate is exact: 40 messages per second.
 */
class SmtpPoolTest extends CampaignContractSupport {
    static final int PEOPLE = 30;
    static final Duration PER_MESSAGE = Duration.ofMillis(25);
    // Connections take messages at once: advance under a lock, as the clock's own read-then-write is not atomic.
    static final RecordingSmtpServer SMTP = new RecordingSmtpServer(() -> {
        synchronized (SmtpPoolTest.class) {
            SmtpPoolTest.APP.clock.advance(PER_MESSAGE);
        }
    });
    static final TestApp APP = TestApp.onH2(ConfigOverride.config("notify.email.mode", "SMTP"),
            ConfigOverride.config("notify.email.host", "127.0.0.1"),
            ConfigOverride.config("notify.email.port", Integer.toString(SMTP.port())),
            ConfigOverride.config("notify.email.connections", "3"),
            ConfigOverride.config("notify.dispatcher.recordEvery", "4"),
            ConfigOverride.config("notify.outbox", Outbox.freshFolder().toString()));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }

    @AfterAll
    static void stopServer() throws Exception {
        SMTP.close();
    }

    @Test
    void sendsOverSeveralReusedConnectionsAtOnceAndEachMessageOnce() {
        int before = SMTP.messageIds().size();
        JsonNode c = launched(incidentWith(PEOPLE), "EMAIL_ELSE_SMS", "EMAIL");

        assertThat(Outbox.dispatch(app())).contains("\"sent\":" + PEOPLE);

        List<Map<String, Object>> rows = Outbox.deliveries(app(), c.path("id").asText());
        assertThat(rows).hasSize(PEOPLE).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(((Number) r.get("attempts")).intValue()).isEqualTo(1);
            assertThat(r.get("awaiting_handoff")).isEqualTo(false);
        });
        List<String> taken = SMTP.messageIds().subList(before, SMTP.messageIds().size());
        Set<String> expected = rows.stream().map(r -> "<delivery-" + r.get("id") + "@breachline.notices>")
                .collect(Collectors.toSet());
        assertThat(taken).as("each delivery once").hasSize(PEOPLE).doesNotHaveDuplicates();
        assertThat(new HashSet<>(taken)).isEqualTo(expected);
        assertThat(SMTP.connections()).as("three pooled connections, reused, not one per message").isEqualTo(3);
        assertThat(SMTP.mostTransactionsAtOnce()).as("connections send in parallel").isGreaterThanOrEqualTo(2);
        assertThat(SMTP.noops()).as("a connection in steady use is not probed before each message").isZero();
    }

    @Test
    void theCapacityPlannerUsesTheRateThePoolAchieved() {
        String key = incidentWith(PEOPLE);
        launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        assertThat(Outbox.dispatch(app())).contains("\"sent\":" + PEOPLE);

        JsonNode next = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));

        JsonNode email = next.path("capacity").path("channels").get(0);
        assertThat(email.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(email.path("ratePerSecond").asDouble()).as("30 messages in 750 ms, not the configured 1000/s")
                .isCloseTo(40.0, within(0.01));
        assertThat(email.path("rateMeasuredAt").isTextual()).isTrue();
        assertThat(email.path("seconds").asLong()).as("30 recipients at 40/s").isEqualTo(1);
        Number stored = app().jdbi().withHandle(h -> h.createQuery("SELECT units_per_second FROM channel_rate "
                + "WHERE channel = 'EMAIL'").mapTo(Double.class).one());
        assertThat(stored.doubleValue()).isCloseTo(40.0, within(0.01));
    }

    private String incidentWith(int people) {
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        String prefix = "Q" + System.nanoTime() % 100_000;
        for (int i = 0; i < people; i++) {
            csv.append(prefix).append('-').append(i).append(",pool").append(i).append("@example.com,DE\n");
        }
        String key = responder().post("/api/incidents", Map.of("title", "pool")).str("key");
        Api.Reply imported = responder().send("POST", "/api/incidents/" + key + "/people", csv.toString(),
                "Content-Type", "text/csv");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        return key;
    }
}
