package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.Api;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances on one PostgreSQL work one campaign at the same time without sending anything twice. */
@RequiresPostgres
class SharedOutboxPostgresTest extends CampaignContractSupport {
    static final int PEOPLE = 400;
    static final Path OUTBOX_A = Outbox.freshFolder();
    static final Path OUTBOX_B = Outbox.freshFolder();
    static final TestApp A = TestApp.onPostgres(ConfigOverride.config("notify.outbox", OUTBOX_A.toString()),
            ConfigOverride.config("notify.dispatcher.workerId", "worker-a"));
    static final TestApp B = A.sharingDatabase(ConfigOverride.config("notify.outbox", OUTBOX_B.toString()),
            ConfigOverride.config("notify.dispatcher.workerId", "worker-b"));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION_A = A.extension();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION_B = B.extension();

    @Override
    TestApp app() {
        return A;
    }

    @Test
    void twoDispatchersShareACampaignAndSendEachDeliveryExactlyOnce() throws Exception {
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; i < PEOPLE; i++) {
            csv.append("S-").append(i).append(",person").append(i).append("@example.com,DE\n");
        }
        String key = responder().post("/api/incidents", Map.of("title", "shared")).str("key");
        Api.Reply imported = responder().send("POST", "/api/incidents/" + key + "/people", csv.toString(),
                "Content-Type", "text/csv");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        JsonNode c = launched(key, "EMAIL_ELSE_SMS", "EMAIL");

        CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> Outbox.dispatch(A));
        CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> Outbox.dispatch(B));
        a.get();
        b.get();

        List<Map<String, Object>> rows = Outbox.deliveries(A, c.path("id").asText());
        assertThat(rows).hasSize(PEOPLE).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(((Number) r.get("attempts")).intValue()).as("claimed once").isEqualTo(1);
        });
        Map<Object, Long> byWorker = rows.stream().collect(Collectors.groupingBy(r -> r.get("claimed_by"),
                Collectors.counting()));
        assertThat(byWorker.keySet()).as("both instances took part: " + byWorker)
                .containsExactlyInAnyOrder("worker-a", "worker-b");

        Set<String> filesA = files(OUTBOX_A);
        Set<String> filesB = files(OUTBOX_B);
        Set<String> both = new HashSet<>(filesA);
        both.retainAll(filesB);
        assertThat(both).as("no delivery written by both").isEmpty();
        assertThat(filesA.size() + filesB.size()).isEqualTo(PEOPLE);
        for (Map<String, Object> r : rows) {
            Path expected = ("worker-a".equals(r.get("claimed_by")) ? OUTBOX_A : OUTBOX_B).resolve("email")
                    .resolve(r.get("id") + ".eml");
            assertThat(expected).exists();
        }
        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().path("status").asText())
                .isEqualTo("COMPLETED");
    }

    private static Set<String> files(Path outbox) throws Exception {
        try (Stream<Path> s = Files.list(outbox.resolve("email"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".eml")).collect(Collectors.toSet());
        }
    }
}
