package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.breachline.http.StrictJson;
import org.breachline.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the webhook channel reads the product's answers, and what it refuses to start with. */
class WebhookChannelTest {
    static final ObjectMapper JSON = StrictJson.newMapper();
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final UUID CAMPAIGN = UUID.fromString("7d1c63b1-3c1e-4a8e-9b0e-0a6f2f0d1e11");
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static HttpServer product;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-06T10:00:00Z"));

    @BeforeAll
    static void startProduct() throws IOException {
        product = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        product.setExecutor(Executors.newCachedThreadPool());
        product.createContext("/status/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            exchange.sendResponseHeaders(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)), -1);
            exchange.close();
        });
        product.createContext("/hang", exchange -> {
            try {
                RELEASE.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        product.start();
    }

    @AfterAll
    static void stopProduct() {
        RELEASE.countDown();
        product.stop(0);
    }

    static NotifyConfiguration.Webhook config(String url, String secret, String timeout) throws IOException {
        StringBuilder json = new StringBuilder("{\"timeout\":\"" + timeout + "\"");
        if (url != null) {
            json.append(",\"url\":\"").append(url).append('"');
        }
        if (secret != null) {
            json.append(",\"secret\":\"").append(secret).append('"');
        }
        return JSON.readValue(json.append('}').toString(), NotifyConfiguration.Webhook.class);
    }

    WebhookChannel channel(String path) throws IOException {
        String url = "http://127.0.0.1:" + product.getAddress().getPort() + path;
        return WebhookChannel.of(config(url, SECRET, "300ms"), Path.of("unused"), clock, JSON);
    }

    static DeliveryChannel.Outgoing notice(long delivery) {
        return new DeliveryChannel.Outgoing(delivery, "P-1", new RenderedNotice.Email("breach-notice/email/en.mustache",
                "Notice of a data breach", "<p>Dear Ada</p>", "Dear Ada", Set.of()), "unused",
                new DeliveryChannel.About(CAMPAIGN, "INC-2026-0001", NoticeKind.BREACH_NOTICE, "en-US"));
    }

    @ParameterizedTest(name = "HTTP {0} is sent")
    @ValueSource(ints = {200, 202, 204})
    void anySuccessIsSentUnderTheWebhookId(int status) throws IOException {
        assertThat(channel("/status/" + status).send(notice(7)))
                .isEqualTo(new DeliveryChannel.SendResult.Sent("notice_7d1c63b13c1e4a8e9b0e0a6f2f0d1e11_7"));
    }

    @ParameterizedTest(name = "HTTP {0} is retried")
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeoutsThrottlingAndServerErrorsAreTransient(int status) throws IOException {
        assertThat(channel("/status/" + status).send(notice(7)))
                .isEqualTo(new DeliveryChannel.SendResult.Transient("HTTP " + status + " from the product"));
    }

    @ParameterizedTest(name = "HTTP {0} fails")
    @ValueSource(ints = {400, 404, 409, 410, 413, 422, 301, 307})
    void otherAnswersArePermanent(int status) throws IOException {
        assertThat(channel("/status/" + status).send(notice(7)))
                .isInstanceOf(DeliveryChannel.SendResult.Permanent.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aRefusedSignatureStopsTheChannel(int status) throws IOException {
        assertThat(channel("/status/" + status).send(notice(7)))
                .isInstanceOfSatisfying(DeliveryChannel.SendResult.ChannelBlocked.class,
                        b -> assertThat(b.reason()).startsWith("HTTP " + status + " from the product")
                                .contains("notify.webhook.secret"));
    }

    @Test
    void aRefusedConnectionAndASilentProductAreTransient() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        WebhookChannel refused = WebhookChannel.of(config("http://127.0.0.1:" + closed + "/x", SECRET, "300ms"),
                Path.of("unused"), clock, JSON);
        assertThat(refused.send(notice(7))).isInstanceOf(DeliveryChannel.SendResult.Transient.class);

        assertThat(channel("/hang").send(notice(7)))
                .isEqualTo(new DeliveryChannel.SendResult.Transient("the product did not answer within 300 ms"));
    }

    @Test
    void afterACrashOverHttpTheNoticeIsSentAgainForTheProductToDeduplicate() throws IOException {
        assertThat(channel("/status/200").reconcile(new DeliveryChannel.InFlight(7, clock.instant(), "P-1", null)))
                .isInstanceOf(DeliveryChannel.Reconciliation.NotSent.class);
    }

    @Test
    void refusesAUrlWithoutSecretAndUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> WebhookChannel.of(config("https://product.example.org/hooks", null, "1s"),
                Path.of("unused"), clock, JSON)).hasMessageContaining("notify.webhook.secret");
        assertThatThrownBy(() -> WebhookChannel.of(config("ftp://product.example.org/hooks", SECRET, "1s"),
                Path.of("unused"), clock, JSON)).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> WebhookChannel.of(config("https://product.example.org/hooks", "whsec_c2hvcnQ=", "1s"),
                Path.of("unused"), clock, JSON)).hasMessageContaining("notify.webhook.secret")
                .hasMessageNotContaining("c2hvcnQ");
    }

    @Test
    void withoutAUrlWritesEachSignedRequestAsAJsonLineThatSettlesACrashExactly() throws IOException {
        Path outbox = Files.createTempDirectory("webhook-outbox-");
        WebhookChannel sink = WebhookChannel.of(config(null, null, "1s"), outbox, clock, JSON);

        assertThat(sink.send(notice(7))).isEqualTo(new DeliveryChannel.SendResult.Sent(
                "notice_7d1c63b13c1e4a8e9b0e0a6f2f0d1e11_7"));

        List<String> lines = Files.readAllLines(outbox.resolve("webhook.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode headers = line.path("headers");
        assertThat(StandardWebhooksVerifier.verify(WebhookChannel.DEVELOPMENT_SECRET, headers.path("webhook-id").asText(),
                headers.path("webhook-timestamp").asText(), line.path("body").asText().getBytes(StandardCharsets.UTF_8),
                headers.path("webhook-signature").asText())).as("signed with the documented development secret").isTrue();
        assertThat(JSON.readTree(line.path("body").asText()).path("data").path("personReference").asText()).isEqualTo("P-1");

        var inFlight = sink.reconcile(new DeliveryChannel.InFlight(7, clock.instant(), "P-1", null));
        assertThat(inFlight).isEqualTo(new DeliveryChannel.Reconciliation.AlreadySent(
                "notice_7d1c63b13c1e4a8e9b0e0a6f2f0d1e11_7"));
        assertThat(sink.reconcile(new DeliveryChannel.InFlight(8, clock.instant(), "P-2", null)))
                .isInstanceOf(DeliveryChannel.Reconciliation.NotSent.class);
    }
}
