package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Builders and readers shared by the campaign and dispatch tests: people, drafts, actions, progress. */
abstract class CampaignContractSupport {
    abstract TestApp app();

    static final String PEOPLE = """
            reference,name,email,phone,locale,jurisdiction
            P-1,Ada Lovelace,ada@example.com,+14155550101,en-US,US-CA
            P-2,Bertha Benz,bertha@example.de,,de-DE,DE
            P-3,Carl Phone,,+14155550103,en-US,US-CA
            P-4,Dora Both,dora@example.fr,+33612345678,en,FR
            """;

    static final Map<String, Object> VARIABLES = Map.of("organizationName", "Example Corp",
            "contactEmail", "privacy@example.com", "incidentDescription", "A database was exposed.",
            "noticeUrl", "https://example.com/notice", "breachDate", "March 2026", "noticeDate", "6 March 2026",
            "dataTypes", List.of("name", "email address"));

    Api responder() {
        return app().as(Role.RESPONDER);
    }

    Api approver() {
        return app().as(Role.APPROVER);
    }

    String incidentWithPeople() {
        String key = responder().post("/api/incidents", Map.of("title", "campaign")).str("key");
        Api.Reply r = responder().send("POST", "/api/incidents/" + key + "/people", PEOPLE, "Content-Type", "text/csv");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return key;
    }

    Map<String, Object> draft(String choice, String... channels) {
        Map<String, Object> body = new HashMap<>();
        body.put("noticeKind", "BREACH_NOTICE");
        body.put("channels", List.of(channels));
        body.put("channelChoice", choice);
        body.put("variables", VARIABLES);
        return body;
    }

    JsonNode create(String key, Map<String, Object> body) {
        Api.Reply r = responder().post("/api/incidents/" + key + "/campaigns", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body();
    }

    Api.Reply act(Api who, JsonNode campaign, String action) {
        return who.post("/api/campaigns/" + campaign.path("id").asText() + "/" + action, null);
    }

    List<String> timelineKinds(String key) {
        List<String> kinds = new ArrayList<>();
        responder().get("/api/incidents/" + key + "/timeline?limit=200").body().path("items")
                .forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    JsonNode progress(JsonNode view, String channel) {
        for (JsonNode p : view.path("progress")) {
            if (p.path("channel").asText().equals(channel)) {
                return p;
            }
        }
        throw new AssertionError("no progress for " + channel + " in " + view);
    }

    JsonNode launched(String key, String choice, String... channels) {
        JsonNode c = create(key, draft(choice, channels));
        assertThat(act(approver(), c, "approve").status()).isEqualTo(200);
        Api.Reply r = act(responder(), c, "launch");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.body();
    }
}
