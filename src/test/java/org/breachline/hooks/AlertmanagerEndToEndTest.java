package org.breachline.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus Alertmanager, on 127.0.0.1 only, posting to our hook with its bearer credentials: an alert opens
 * an incident, and the same alert fired again joins it. Skipped, saying why, where the binary is not installed
 * ({@code apt-get install prometheus-alertmanager}; {@code .ci/run} installs it).
 */
@EnabledIf(value = "installed", disabledReason = "prometheus-alertmanager is not installed (looked at "
        + "$BREACHLINE_ALERTMANAGER_BIN, /usr/bin/prometheus-alertmanager and alertmanager on PATH): the Alertmanager "
        + "end-to-end test is SKIPPED. Install it with apt-get install prometheus-alertmanager.")
class AlertmanagerEndToEndTest {
    static final TestApp APP = TestApp.onH2();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    static Process alertmanager;
    static String alertmanagerUrl;

    @BeforeAll
    static void startAlertmanager() throws Exception {
        Optional<Path> binary = binary();
        assumeTrue(binary.isPresent(), "prometheus-alertmanager disappeared");
        int port = freePort();
        alertmanagerUrl = "http://127.0.0.1:" + port;
        // Short waits so that the test sees notifications within seconds; repeat_interval lets a firing alert be
        // sent again, which is what "fired again" looks like to a receiver.
        String config = """
                route:
                  receiver: breachline
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 2s
                receivers:
                  - name: breachline
                    webhook_configs:
                      - url: %s/hooks/am
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(APP.baseUri(), HookTestSupport.AM_TOKEN);
        Path configFile = work.resolve("alertmanager.yml");
        Files.writeString(configFile, config);
        alertmanager = new ProcessBuilder(binary.get().toString(), "--config.file=" + configFile,
                "--storage.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(work.resolve("alertmanager.log").toFile()).start();
        awaitTrue("Alertmanager ready", () -> get(alertmanagerUrl + "/-/ready") == 200);
    }

    @AfterAll
    static void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void anAlertFromAlertmanagerOpensAnIncidentAndFiringAgainJoinsIt() throws Exception {
        String title = HookTestSupport.unique("Alertmanager end to end");
        String alert = """
                [{"labels": {"alertname": "%s", "severity": "critical", "job": "db"},
                  "annotations": {"summary": "%s", "description": "posted to Alertmanager by the test"}}]
                """.formatted(title.replace(' ', '_'), title);
        assertThat(postToAlertmanager(alert)).isEqualTo(200);
        awaitTrue("the incident opened by Alertmanager's notification", () -> incident(title).isPresent());
        String key = incident(title).orElseThrow().path("key").asText();
        assertThat(APP.as(Role.AUDITOR).get("/api/incidents/" + key).str("severity")).isEqualTo("CRITICAL");

        assertThat(postToAlertmanager(alert)).isEqualTo(200);
        awaitTrue("a repeat of the alert on the same incident",
                () -> alertEntries(key) >= 2);
        assertThat(new HookTestSupport(APP).incidentsTitled(title)).isEqualTo(1);
    }

    private static Optional<JsonNode> incident(String title) {
        Api.Reply r = APP.as(Role.AUDITOR).get("/api/incidents?q=" + title.replace(" ", "%20"));
        for (JsonNode item : r.body().path("items")) {
            if (item.path("title").asText().equals(title)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static long alertEntries(String key) {
        JsonNode items = APP.as(Role.AUDITOR).get("/api/incidents/" + key + "/timeline?limit=200").body().path("items");
        long n = 0;
        for (JsonNode item : items) {
            if (item.path("kind").asText().equals("ALERT")) {
                n++;
            }
        }
        return n;
    }

    private static int postToAlertmanager(String alerts) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls an outside process (Alertmanager runs on real time) until the condition holds or 30 seconds pass. */
    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String log = Files.exists(work.resolve("alertmanager.log"))
                        ? Files.readString(work.resolve("alertmanager.log")) : "";
                throw new AssertionError("timed out waiting for " + what + "; Alertmanager said:\n" + log);
            }
            Thread.sleep(200);
        }
    }

    /** The condition of the class: says once, on standard output, why the test is skipped. */
    static boolean installed() {
        boolean found = binary().isPresent();
        if (!found) {
            System.out.println("prometheus-alertmanager is not installed: the Alertmanager end-to-end test is SKIPPED "
                    + "(apt-get install prometheus-alertmanager, or set BREACHLINE_ALERTMANAGER_BIN).");
        }
        return found;
    }

    private static Optional<Path> binary() {
        String configured = System.getenv("BREACHLINE_ALERTMANAGER_BIN");
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "alertmanager"));
        Stream<Path> candidates = Stream.concat(Stream.concat(
                configured == null || configured.isBlank() ? Stream.empty() : Stream.of(Path.of(configured)),
                Stream.of(Path.of("/usr/bin/prometheus-alertmanager"))), onPath);
        Predicate<Path> runnable = Files::isExecutable;
        return candidates.filter(runnable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
