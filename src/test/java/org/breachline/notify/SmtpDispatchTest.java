package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.mail.internet.MimeMessage;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail over real SMTP (GreenMail as the server): rendered notices arrive once each with their fixed Message-ID; a
 * delivery found in flight after a crash is not resent by e-mail unless it had provably not been handed to SMTP yet.
 * The channel does not depend on the database, so this runs on H2 only.
 */
class SmtpDispatchTest extends CampaignContractSupport {
    static final int PORT = freePort();
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.port(PORT))
            .withPerMethodLifecycle(false);
    static final TestApp APP = TestApp.onH2(ConfigOverride.config("notify.email.mode", "SMTP"),
            ConfigOverride.config("notify.email.host", "127.0.0.1"),
            ConfigOverride.config("notify.email.port", Integer.toString(PORT)),
            ConfigOverride.config("notify.email.from", "Example Corp <privacy@example.com>"),
            ConfigOverride.config("notify.outbox", Outbox.freshFolder().toString()));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }

    @Test
    void rendersAndSendsEachNoticeOnceOverSmtp() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");

        assertThat(Outbox.dispatch(app())).contains("\"sent\":3");
        assertThat(MAIL.waitForIncomingEmail(10_000, 3)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(3);
        List<String> recipients = Arrays.stream(received).map(m -> address(m)).sorted().toList();
        assertThat(recipients).containsExactly("ada@example.com", "bertha@example.de", "dora@example.fr");
        MimeMessage ada = Arrays.stream(received).filter(m -> address(m).equals("ada@example.com")).findFirst().orElseThrow();
        assertThat(ada.getSubject()).isEqualTo("Notice of Data Breach from Example Corp");
        assertThat(GreenMailUtil.getBody(ada)).contains("What Happened?");
        assertThat(ada.getMessageID()).matches("<delivery-\\d+@breachline.notices>");
        MimeMessage bertha = Arrays.stream(received).filter(m -> address(m).equals("bertha@example.de")).findFirst().orElseThrow();
        assertThat(bertha.getSubject()).startsWith("Benachrichtigung");
        // Parsed back from the wire: the declared transfer encodings carry the umlauts intact in both parts.
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) bertha.getContent();
        StringBuilder decoded = new StringBuilder();
        collectText(parts, decoded);
        assertThat(decoded).contains("über").contains("für");
        assertThat(GreenMailUtil.getHeaders(bertha)).doesNotContain("über");

        List<Map<String, Object>> rows = Outbox.deliveries(app(), c.path("id").asText());
        assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SENT"));
        assertThat(Outbox.dispatch(app())).contains("\"sent\":0");
        assertThat(MAIL.getReceivedMessages()).hasSize(3);
    }

    @Test
    void anEmailFoundInFlightAfterACrashIsMarkedUncertainAndNeverResent() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        String id = c.path("id").asText();
        // A worker claimed everything, then died before recording anything.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'dead', "
                + "attempts = 1, claimed_at = :old, heartbeat_at = :old WHERE campaign_id = :c")
                .bind("old", app().clock.instant().minusSeconds(3600)).bind("c", java.util.UUID.fromString(id)).execute());

        assertThat(Outbox.dispatch(app())).contains("\"reconciled\":3").contains("\"sent\":0");

        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(Outbox.deliveries(app(), id)).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("UNCERTAIN");
            assertThat((String) r.get("last_error")).contains("not resent automatically");
        });
        JsonNode view = responder().get("/api/campaigns/" + id).body();
        assertThat(progress(view, "EMAIL").path("uncertain").asLong()).isEqualTo(3);
        assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anEmailClaimedButNeverHandedToSmtpBeforeACrashIsSentOnceAfterwards() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        String key = incidentWithPeople();
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");
        String id = c.path("id").asText();
        // A worker claimed everything, then died before committing the hand-off of any of it to SMTP.
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = 'dead', "
                + "attempts = 1, awaiting_handoff = TRUE, claimed_at = :old, heartbeat_at = :old WHERE campaign_id = :c")
                .bind("old", app().clock.instant().minusSeconds(3600)).bind("c", java.util.UUID.fromString(id)).execute());

        assertThat(Outbox.dispatch(app())).contains("\"reconciled\":3").contains("\"sent\":3");

        assertThat(MAIL.waitForIncomingEmail(10_000, 3)).isTrue();
        List<String> ids = Arrays.stream(MAIL.getReceivedMessages()).map(SmtpDispatchTest::messageId).toList();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(Outbox.deliveries(app(), id)).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(((Number) r.get("attempts")).intValue()).isEqualTo(2);
            assertThat(r.get("claimed_by")).isEqualTo("test-worker");
        });
        assertThat(responder().get("/api/campaigns/" + id).body().path("status").asText()).isEqualTo("COMPLETED");
    }

    private static void collectText(jakarta.mail.Multipart multipart, StringBuilder into) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            if (content instanceof jakarta.mail.Multipart nested) {
                collectText(nested, into);
            } else {
                assertThat(multipart.getBodyPart(i).getContentType()).matches("text/(plain|html); charset=UTF-8");
                into.append(content);
            }
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
