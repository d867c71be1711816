package org.breachline.incident;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident lifecycle over HTTP, written once and run against each database by a subclass. */
abstract class IncidentLifecycleContract {
    abstract TestApp app();

    Api responder() {
        return app().as(Role.RESPONDER);
    }

    JsonNode open(Map<String, ?> facts) {
        Api.Reply r = responder().post("/api/incidents", facts);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body();
    }

    JsonNode openAware(String title) {
        return open(Map.of("title", title, "awareAt", "2026-03-06T09:00:00+01:00"));
    }

    Api.Reply move(JsonNode incident, String to, Map<String, String> extra) {
        var body = new java.util.HashMap<String, String>(extra);
        body.put("to", to);
        return responder().post("/api/incidents/" + incident.path("id").asText() + "/transitions", body);
    }

    List<JsonNode> timeline(JsonNode incident) {
        Api.Reply r = responder().get("/api/incidents/" + incident.path("key").asText() + "/timeline");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        r.body().path("items").forEach(entries::add);
        return entries;
    }

    @Test
    void opensAnIncidentInDetectionWithAHumanKeyAndTheGivenFacts() {
        JsonNode created = open(Map.of("title", "Customer DB exposed", "severity", "HIGH",
                "dataCategories", List.of("NAME", "EMAIL"), "affectedEstimate", Map.of("DE", 1200, "US-CA", 501)));
        assertThat(created.path("key").asText()).matches("INC-2026-\\d{4}");
        assertThat(created.path("stage").asText()).isEqualTo("DETECTION");
        assertThat(created.path("severity").asText()).isEqualTo("HIGH");
        assertThat(created.path("affectedEstimate").path("US-CA").asInt()).isEqualTo(501);
        assertThat(created.path("createdBy").asText()).isEqualTo("responder-tester");
        assertThat(created.path("detectedAt").asText()).as("defaults to now").isEqualTo(TestApp.START.toString());
        assertThat(created.path("allowedTransitions").toString()).isEqualTo("[\"CONTAINMENT\",\"CLOSED\"]");
    }

    @Test
    void numbersKeysOneAfterAnotherWithinTheYear() {
        int first = Integer.parseInt(open(Map.of("title", "a")).path("key").asText().substring(9));
        int second = Integer.parseInt(open(Map.of("title", "b")).path("key").asText().substring(9));
        assertThat(second).isEqualTo(first + 1);
    }

    @Test
    void walksTheWholeLifecycleStampingStageTimesFromTheClock() {
        JsonNode incident = openAware("Laptop stolen");
        assertThat(move(incident, "CONTAINMENT", Map.of("note", "device wiped")).status()).isEqualTo(200);
        app().clock.advance(Duration.ofHours(2));
        JsonNode assessing = move(incident, "ASSESSMENT", Map.of()).body();
        assertThat(assessing.path("containedAt").asText()).isEqualTo(app().clock.instant().toString());
        responder().patch("/api/incidents/" + incident.path("id").asText(), Map.of("risk", "HIGH"));
        app().clock.advance(Duration.ofHours(1));
        JsonNode notifying = move(incident, "NOTIFICATION", Map.of()).body();
        assertThat(notifying.path("assessedAt").asText()).isEqualTo(app().clock.instant().toString());
        JsonNode closed = move(incident, "CLOSED", Map.of("note", "all notified")).body();
        assertThat(closed.path("stage").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closedAt").asText()).isEqualTo(app().clock.instant().toString());
        assertThat(closed.path("version").asLong()).isEqualTo(6);

        List<String> kinds = timeline(incident).stream().map(e -> e.path("kind").asText()).toList();
        assertThat(kinds).containsExactly("CREATED", "STAGE_CHANGED", "STAGE_CHANGED", "FACTS_CHANGED",
                "STAGE_CHANGED", "STAGE_CHANGED");
        assertThat(timeline(incident)).allSatisfy(e -> assertThat(e.path("actor").asText()).isEqualTo("responder-tester"));
    }

    @Test
    void refusesToLeaveDetectionWithoutTheAwarenessTimeAndChangesNothing() {
        JsonNode incident = open(Map.of("title", "Phishing"));
        Api.Reply r = move(incident, "CONTAINMENT", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("incident.transition_requirements_unmet");
        assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo("awareAt");
        JsonNode after = responder().get("/api/incidents/" + incident.path("id").asText()).body();
        assertThat(after.path("stage").asText()).isEqualTo("DETECTION");
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(timeline(incident)).hasSize(1);
    }

    @Test
    void refusesToLeaveAssessmentWithoutRisk() {
        JsonNode incident = openAware("Misdirected email");
        move(incident, "CONTAINMENT", Map.of());
        move(incident, "ASSESSMENT", Map.of());
        Api.Reply r = move(incident, "NOTIFICATION", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo("risk");
    }

    @Test
    void refusesAProcessorLeavingAssessmentWithoutItsControllersContact() {
        JsonNode incident = open(Map.of("title", "Client data leaked", "role", "PROCESSOR",
                "awareAt", "2026-03-06T09:00:00Z", "risk", "RISK"));
        move(incident, "CONTAINMENT", Map.of());
        move(incident, "ASSESSMENT", Map.of());
        Api.Reply r = move(incident, "NOTIFICATION", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo("controllerContact");
    }

    @Test
    void refusesToSkipAStage() {
        JsonNode incident = openAware("Skipper");
        Api.Reply r = move(incident, "ASSESSMENT", Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("incident.illegal_transition");
        assertThat(r.str("message")).contains("CONTAINMENT");
    }

    @Test
    void closesAFalsePositiveStraightFromDetectionOnlyWithANote() {
        JsonNode incident = open(Map.of("title", "Noisy alert"));
        assertThat(move(incident, "CLOSED", Map.of()).status()).isEqualTo(409);
        Api.Reply r = move(incident, "CLOSED", Map.of("note", "scanner test, no data touched"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(timeline(incident).get(1).path("text").asText()).contains("false positive");
    }

    @Test
    void reopensAClosedIncidentOnlyWithAReason() {
        JsonNode incident = open(Map.of("title", "Came back"));
        move(incident, "CLOSED", Map.of("note", "looked benign"));
        assertThat(move(incident, "ASSESSMENT", Map.of()).status()).isEqualTo(409);
        Api.Reply r = move(incident, "ASSESSMENT", Map.of("reason", "new evidence of exfiltration"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("closedAt").isNull()).isTrue();
        JsonNode reopened = timeline(incident).get(2);
        assertThat(reopened.path("kind").asText()).isEqualTo("REOPENED");
        assertThat(reopened.path("data").path("reason").asText()).isEqualTo("new evidence of exfiltration");
    }

    @Test
    void patchChangesOnlyTheGivenFactsClearsNullsAndRecordsTheChange() {
        JsonNode incident = open(Map.of("title", "Patch me", "description", "first", "severity", "LOW",
                "affectedEstimate", Map.of("FR", 10)));
        var patch = new java.util.HashMap<String, Object>();
        patch.put("severity", "CRITICAL");
        patch.put("description", null);
        patch.put("affectedEstimate", Map.of("DE", 5));
        Api.Reply r = responder().patch("/api/incidents/" + incident.path("id").asText(), patch);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(r.body().path("description").isNull()).isTrue();
        assertThat(r.body().path("title").asText()).isEqualTo("Patch me");
        assertThat(r.body().path("affectedEstimate").path("FR").asInt()).as("objects merge").isEqualTo(10);
        assertThat(r.body().path("affectedEstimate").path("DE").asInt()).isEqualTo(5);
        var dropFrance = new java.util.HashMap<String, Object>();
        dropFrance.put("FR", null);
        Api.Reply dropped = responder().patch("/api/incidents/" + incident.path("id").asText(),
                Map.of("affectedEstimate", dropFrance));
        assertThat(dropped.body().path("affectedEstimate").has("FR")).as("null removes a key").isFalse();
        assertThat(r.etag()).isEqualTo("\"2\"");
        JsonNode change = timeline(incident).get(1);
        assertThat(change.path("kind").asText()).isEqualTo("FACTS_CHANGED");
        assertThat(change.path("data").path("severity").path("from").asText()).isEqualTo("LOW");
        assertThat(change.path("data").path("severity").path("to").asText()).isEqualTo("CRITICAL");
    }

    @Test
    void patchThatChangesNothingLeavesVersionAndTimelineAlone() {
        JsonNode incident = open(Map.of("title", "Same", "severity", "LOW"));
        Api.Reply r = responder().patch("/api/incidents/" + incident.path("id").asText(), Map.of("severity", "LOW"));
        assertThat(r.body().path("version").asLong()).isEqualTo(1);
        assertThat(timeline(incident)).hasSize(1);
    }

    @Test
    void patchCannotRemoveAFactEveryIncidentHasAndChangesNothing() {
        JsonNode incident = open(Map.of("title", "Keep my facts", "severity", "HIGH"));
        for (String field : List.of("title", "severity", "role", "encryption")) {
            var patch = new java.util.HashMap<String, Object>();
            patch.put(field, null);
            Api.Reply r = responder().patch("/api/incidents/" + incident.path("id").asText(), patch);
            assertThat(r.status()).as(field + ": " + r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("request.invalid_field");
            assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo(field);
        }
        JsonNode after = responder().get("/api/incidents/" + incident.path("id").asText()).body();
        assertThat(after.path("version").asLong()).isEqualTo(1);
        assertThat(after.path("severity").asText()).isEqualTo("HIGH");
    }

    @Test
    void aFactsTimeInTheFutureIsRefusedButAStoredOneDoesNotBlockOtherEdits() {
        Api.Reply typo = responder().post("/api/incidents", Map.of("title", "Year typo", "awareAt", "9999-03-06T09:00:00Z",
                "events", Map.of("ransomPaidAt", "2026-03-07T10:00:00Z")));
        assertThat(typo.status()).as(typo.text()).isEqualTo(422);
        assertThat(typo.body().path("details").findValuesAsText("field"))
                .containsExactly("awareAt", "events.ransomPaidAt");
        assertThat(typo.body().path("details").get(0).path("problem").asText())
                .startsWith("is in the future (it is now 2026-03-06T10:00:00Z)");
        JsonNode skewed = open(Map.of("title", "Laptop clock a little fast", "awareAt", "2026-03-06T10:04:00Z"));
        String path = "/api/incidents/" + skewed.path("id").asText();
        assertThat(responder().patch(path, Map.of("occurredAt", "2026-03-07T00:00:00Z")).status()).isEqualTo(422);
        try {
            // Stored when it was the past by the clock of the time (or before this rule): editing the title still works.
            app().clock.set(TestApp.START.plus(Duration.ofDays(2)));
            JsonNode stored = open(Map.of("title", "Stored", "occurredAt", "2026-03-07T00:00:00Z"));
            app().clock.set(TestApp.START);
            Api.Reply edit = responder().patch("/api/incidents/" + stored.path("id").asText(), Map.of("title", "Renamed"));
            assertThat(edit.status()).as(edit.text()).isEqualTo(200);
        } finally {
            app().clock.set(TestApp.START);
        }
    }

    @Test
    void patchCannotMoveTheStage() {
        JsonNode incident = open(Map.of("title", "Sneaky"));
        Api.Reply r = responder().patch("/api/incidents/" + incident.path("id").asText(), Map.of("stage", "CLOSED"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("request.field_not_patchable");
        assertThat(r.str("message")).contains("transitions");
    }

    @Test
    void listsWithFiltersAndPaging() {
        String tag = "zebra" + System.nanoTime();
        open(Map.of("title", tag + " one", "severity", "HIGH"));
        open(Map.of("title", tag + " two", "severity", "LOW"));
        open(Map.of("title", tag + " three", "severity", "HIGH"));
        Api.Reply high = responder().get("/api/incidents?q=" + tag + "&severity=HIGH");
        assertThat(high.body().path("total").asInt()).isEqualTo(2);
        Api.Reply paged = responder().get("/api/incidents?q=" + tag.toUpperCase() + "&limit=2&offset=2");
        assertThat(paged.body().path("total").asInt()).isEqualTo(3);
        assertThat(paged.body().path("items")).hasSize(1);
        assertThat(paged.body().path("limit").asInt()).isEqualTo(2);
        Api.Reply none = responder().get("/api/incidents?q=" + tag + "&stage=CLOSED");
        assertThat(none.body().path("total").asInt()).isZero();
        Api.Reply wildcard = responder().get("/api/incidents?q=%25");
        assertThat(wildcard.status()).isEqualTo(200);
        assertThat(wildcard.body().path("total").asInt()).as("%% is matched literally").isZero();
    }

    @Test
    void readsAnIncidentByIdOrByKeyAndAnswers404ForUnknownOnes() {
        JsonNode incident = open(Map.of("title", "Find me"));
        assertThat(responder().get("/api/incidents/" + incident.path("key").asText()).str("id"))
                .isEqualTo(incident.path("id").asText());
        Api.Reply unknown = responder().get("/api/incidents/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("incident.not_found");
        assertThat(responder().get("/api/incidents/INC-1999-0001").status()).isEqualTo(404);
        assertThat(responder().get("/api/incidents/not-an-id").status()).isEqualTo(404);
    }

    @Test
    void notesAreAppendedToTheTimeline() {
        JsonNode incident = open(Map.of("title", "Noted"));
        Api.Reply r = responder().post("/api/incidents/" + incident.path("id").asText() + "/notes",
                Map.of("text", "Called the hosting provider"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.str("kind")).isEqualTo("NOTE");
        List<JsonNode> entries = timeline(incident);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1).path("text").asText()).isEqualTo("Called the hosting provider");
    }

    @Test
    void racingPatchesOnOneIncidentLoseNeitherChange() throws Exception {
        JsonNode incident = open(Map.of("title", "Race", "description", "d0", "severity", "LOW"));
        String path = "/api/incidents/" + incident.path("id").asText();
        int rounds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 1; i <= rounds; i++) {
                CountDownLatch go = new CountDownLatch(1);
                String description = "d" + i;
                String severity = i % 2 == 0 ? "LOW" : "HIGH";
                Future<Api.Reply> a = pool.submit(() -> {
                    go.await();
                    return responder().patch(path, Map.of("description", description));
                });
                Future<Api.Reply> b = pool.submit(() -> {
                    go.await();
                    return responder().patch(path, Map.of("severity", severity));
                });
                go.countDown();
                assertThat(a.get().status()).isEqualTo(200);
                assertThat(b.get().status()).isEqualTo(200);
                JsonNode now = responder().get(path).body();
                assertThat(now.path("description").asText()).isEqualTo(description);
                assertThat(now.path("severity").asText()).isEqualTo(severity);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responder().get(path).body().path("version").asLong()).isEqualTo(1 + 2L * rounds);
    }

    @Test
    void aPatchNamingAStaleVersionGetsAVersionConflict() {
        JsonNode incident = open(Map.of("title", "Optimistic"));
        String path = "/api/incidents/" + incident.path("id").asText();
        Api.Reply first = responder().send("PATCH", path, "{\"severity\":\"HIGH\"}", "If-Match", "\"1\"");
        assertThat(first.status()).isEqualTo(200);
        Api.Reply second = responder().send("PATCH", path, "{\"severity\":\"LOW\"}", "If-Match", "\"1\"");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("incident.version_conflict");
        assertThat(responder().get(path).body().path("severity").asText()).isEqualTo("HIGH");
        Api.Reply any = responder().send("PATCH", path, "{\"severity\":\"LOW\"}", "If-Match", "*");
        assertThat(any.status()).as("* matches whatever version exists").isEqualTo(200);
        Api.Reply noVersion = responder().send("PATCH", path, "{\"severity\":\"HIGH\"}", "If-Match", "\"-1\"");
        assertThat(noVersion.status()).as("no incident has version -1: a malformed header, not a conflict")
                .isEqualTo(400);
        assertThat(noVersion.body().path("details").get(0).path("field").asText()).isEqualTo("If-Match");
    }
}
