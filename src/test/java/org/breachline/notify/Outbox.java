package org.breachline.notify;

import org.breachline.testing.TestApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers around the outbox: a fresh file-sink folder, running dispatch rounds, reading delivery rows. */
final class Outbox {
    private Outbox() {
    }

    static Path freshFolder() {
        try {
            return Files.createTempDirectory("breachline-outbox-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs dispatch rounds through the admin task until nothing is due; returns the task's JSON answer. */
    static String dispatch(TestApp app) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(app.adminUri() + "/tasks/dispatch-notices"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> deliveries(TestApp app, String campaignId) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM delivery WHERE campaign_id = :c ORDER BY id")
                .bind("c", UUID.fromString(campaignId)).mapToMap().list());
    }
}
