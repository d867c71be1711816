package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.mail.internet.MimeMessage;
import org.breachline.testing.Api;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP channel's guarantee across a real SIGKILL, with outcomes recorded a window at a time and a pool of
 * connections: a service process sending to a real SMTP server (GreenMail) is killed mid-batch and started again.
 * No message reaches the server twice. Deliveries the killed process had claimed but not yet handed to SMTP are sent
 * once by the restarted one; only deliveries it had handed over may end UNCERTAIN (SMTP cannot be asked), at most
 * two windows of them; every other delivery is SENT and arrived exactly once.
 */
@RequiresPostgres
class SmtpCrashRecoveryPostgresTest extends CampaignContractSupport {
    static final int PEOPLE = 300;
    static final int RECORD_EVERY = 5;
    static final int PORT = SmtpDispatchTest.freePort();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.port(PORT))
            .withPerMethodLifecycle(false);
    static final TestApp APP = TestApp.onPostgres();
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
    void noEmailIsSentTwiceAcrossAKillAndOnlyHandedOnesMayBeUncertain() throws Exception {
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; i < PEOPLE; i++) {
            csv.append("M-").append(i).append(",smtp").append(i).append("@example.com,DE\n");
        }
        String key = responder().post("/api/incidents", Map.of("title", "smtp crash")).str("key");
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
                    batchSize: 60
                    recordEvery: %d
                    staleAfter: 2s
                  email:
                    mode: SMTP
                    host: 127.0.0.1
                    port: %d
                    connections: 2
                    ratePerSecond: 150
                """.formatted(Outbox.freshFolder(), RECORD_EVERY, PORT));

        child = service.start("first");
        Instant giveUp = Instant.now().plusSeconds(120);
        while (!ChildService.midBatch(APP.jdbi(), campaign)) {
            assertThat(Instant.now()).as("the child never got going; see " + service.folder()).isBefore(giveUp);
            assertThat(child.isAlive()).as("child died; see " + service.folder()).isTrue();
            Thread.sleep(2);
        }
        child.destroyForcibly().waitFor();
        Set<Long> handedAtKill = ids(campaign, "status = 'SENDING' AND NOT awaiting_handoff");
        Set<Long> awaitingAtKill = ids(campaign, "status = 'SENDING' AND awaiting_handoff");
        assertThat(handedAtKill).as("killed while messages were handed to SMTP").isNotEmpty();
        assertThat(handedAtKill.size()).as("at most two windows out at once").isLessThanOrEqualTo(2 * RECORD_EVERY);

        child = service.start("second");
        giveUp = Instant.now().plusSeconds(180);
        // The restarted dispatcher completes the campaign once nothing of it is waiting or in flight.
        while (!"COMPLETED".equals(responder().get("/api/campaigns/" + campaign).body().path("status").asText())) {
            assertThat(Instant.now()).as("the restarted child did not finish; see " + service.folder())
                    .isBefore(giveUp);
            Thread.sleep(100);
        }

        List<Map<String, Object>> rows = Outbox.deliveries(APP, campaign.toString());
        Set<Long> sent = ids(campaign, "status = 'SENT'");
        Set<Long> uncertain = ids(campaign, "status = 'UNCERTAIN'");
        assertThat(sent.size() + uncertain.size()).as("every delivery settled").isEqualTo(PEOPLE);
        assertThat(uncertain).as("exactly what was handed to SMTP and unrecorded: SMTP cannot be asked")
                .isEqualTo(handedAtKill);
        assertThat(sent).as("claimed but never handed: sent by the restarted process").containsAll(awaitingAtKill);

        List<String> received = Arrays.stream(MAIL.getReceivedMessages()).map(SmtpCrashRecoveryPostgresTest::messageId)
                .toList();
        assertThat(received).as("no message reached the SMTP server twice").doesNotHaveDuplicates();
        Set<String> receivedSet = new HashSet<>(received);
        for (long id : sent) {
            assertThat(receivedSet).as("sent delivery " + id + " arrived").contains(MessageIds.of(id));
        }
        Set<String> ours = rows.stream().map(r -> MessageIds.of(((Number) r.get("id")).longValue()))
                .collect(Collectors.toSet());
        assertThat(ours).as("every message received is one of the campaign's").containsAll(receivedSet);
        for (Map<String, Object> r : rows) {
            long id = ((Number) r.get("id")).longValue();
            int attempts = ((Number) r.get("attempts")).intValue();
            assertThat(attempts).as("delivery " + id).isEqualTo(awaitingAtKill.contains(id) ? 2 : 1);
        }
    }

    private Set<Long> ids(UUID campaign, String condition) {
        return new HashSet<>(APP.jdbi().withHandle(h -> h.createQuery("SELECT id FROM delivery WHERE campaign_id = :c "
                + "AND " + condition).bind("c", campaign).mapTo(Long.class).list()));
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
