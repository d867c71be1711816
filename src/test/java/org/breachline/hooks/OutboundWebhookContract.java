package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.dropwizard.testing.ConfigOverride;
import org.breachline.auth.Role;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbound webhook: signed, queued with the change, retried with backoff. Run per database. */
abstract class OutboundWebhookContract {
    static final String SECRET = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final ObjectMapper JSON = new ObjectMapper();

    abstract TestApp app();

    abstract WireMockServer receiver();

    static WireMockServer startReceiver() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    static ConfigOverride[] pointingAt(WireMockServer receiver) {
        return new ConfigOverride[] {
                ConfigOverride.config("hooks.outbound.url", () -> receiver.baseUrl() + "/receiver"),
                ConfigOverride.config("hooks.outbound.secret", SECRET),
                ConfigOverride.config("hooks.outbound.initialBackoff", "1m")};
    }

    @BeforeEach
    void answerOk() {
        receiver().resetAll();
        receiver().stubFor(post(urlEqualTo("/receiver")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void anOpenedIncidentAndItsStageChangeAreSentSigned() throws Exception {
        String key = app().as(Role.RESPONDER).post("/api/incidents", Map.of("title", "Outbound",
                "awareAt", "2026-03-06T09:00:00Z")).str("key");
        LoggedRequest opened = await(r -> body(r).path("incident").path("key").asText().equals(key));
        assertThat(body(opened).path("type").asText()).isEqualTo("incident.opened");
        assertSigned(opened);

        app().as(Role.RESPONDER).post("/api/incidents/" + key + "/transitions", Map.of("to", "CONTAINMENT"));
        LoggedRequest moved = await(r -> body(r).path("type").asText().equals("incident.stage_changed")
                && body(r).path("incident").path("key").asText().equals(key));
        assertThat(body(moved).path("previousStage").asText()).isEqualTo("DETECTION");
        assertThat(body(moved).path("incident").path("stage").asText()).isEqualTo("CONTAINMENT");

        // A fact edit is not a stage change: nothing is sent for it.
        app().as(Role.RESPONDER).patch("/api/incidents/" + key, Map.of("severity", "HIGH"));
        int queued = app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hook_outbox WHERE body LIKE :k")
                .bind("k", "%" + key + "%").mapTo(Integer.class).one());
        assertThat(queued).isEqualTo(2);
    }

    @Test
    void aFailedDeliveryIsRetriedAfterItsBackoffWithTheSameMessageId() throws Exception {
        receiver().stubFor(post(urlEqualTo("/receiver")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        receiver().stubFor(post(urlEqualTo("/receiver")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        String key = app().as(Role.RESPONDER).post("/api/incidents", Map.of("title", "Flaky receiver")).str("key");
        LoggedRequest first = await(r -> body(r).path("incident").path("key").asText().equals(key));
        awaitStatus(key, "PENDING", 1);
        // The retry waits for its backoff, on the application's clock: nothing more is sent until it moves.
        app().clock.advance(Duration.ofMinutes(2));
        awaitStatus(key, "DELIVERED", 2);
        List<LoggedRequest> attempts = receiver().findAll(postRequestedFor(urlEqualTo("/receiver"))).stream()
                .filter(r -> body(r).path("incident").path("key").asText().equals(key)).toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getHeader("webhook-id")).isEqualTo(first.getHeader("webhook-id"));
        assertSigned(attempts.get(1));
    }

    void assertSigned(LoggedRequest request) {
        HookRequest asReceived = HookRequest.of("/receiver", Map.of(
                "webhook-id", request.getHeader("webhook-id"),
                "webhook-timestamp", request.getHeader("webhook-timestamp"),
                "webhook-signature", request.getHeader("webhook-signature")), request.getBody());
        AuthOutcome outcome = new StandardWebhooksAuthenticator("receiver", WebhookSecret.parse(SECRET), app().clock,
                new InMemorySeenWebhookIds(app().clock)).authenticate(asReceived);
        assertThat(outcome.isAuthenticated()).as(outcome.toString()).isTrue();
    }

    LoggedRequest await(Predicate<LoggedRequest> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (LoggedRequest r : receiver().findAll(postRequestedFor(urlEqualTo("/receiver")))) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            assertThat(System.nanoTime()).as("the receiver got the notification").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    void awaitStatus(String key, String status, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM hook_outbox WHERE body LIKE :k "
                + "AND status = :s AND attempts = :a").bind("k", "%" + key + "%").bind("s", status)
                .bind("a", attempts).mapTo(Integer.class).one()) == 0) {
            assertThat(System.nanoTime()).as("outbox row " + status + " after " + attempts).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
