package org.breachline.obligation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Validation;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.auth.Role;
import org.breachline.http.StrictJson;
import org.breachline.incident.IncidentService;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Obligations computed from an incident's facts, kept in step, fulfilled with evidence, and reminded of. */
abstract class ObligationsContract {
    abstract TestApp app();

    static final String AWARE = "2026-03-06T09:00:00+01:00";

    Api responder() {
        return app().as(Role.RESPONDER);
    }

    Api approver() {
        return app().as(Role.APPROVER);
    }

    JsonNode open(Map<String, ?> facts) {
        Api.Reply r = responder().post("/api/incidents", facts);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.body();
    }

    JsonNode gdprAndCalifornia() {
        app().clock.set(Instant.parse("2026-03-06T10:00:00Z"));
        return open(Map.of("title", "Mixed", "awareAt", AWARE, "risk", "HIGH",
                "dataCategories", List.of("NAME", "GOVERNMENT_ID"), "affectedEstimate", Map.of("DE", 1200, "US-CA", 600)));
    }

    List<JsonNode> obligations(JsonNode incident) {
        Api.Reply r = responder().get("/api/incidents/" + incident.path("id").asText() + "/obligations");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return StreamSupport.stream(r.body().spliterator(), false).toList();
    }

    Optional<JsonNode> obligation(JsonNode incident, String ruleId) {
        return obligations(incident).stream().filter(o -> o.path("ruleId").asText().equals(ruleId)).findFirst();
    }

    List<JsonNode> timeline(JsonNode incident, String kind) {
        List<JsonNode> out = new ArrayList<>();
        responder().get("/api/incidents/" + incident.path("id").asText() + "/timeline?limit=200").body().path("items")
                .forEach(e -> {
                    if (e.path("kind").asText().equals(kind)) {
                        out.add(e);
                    }
                });
        return out;
    }

    Api.Reply fulfil(JsonNode incident, JsonNode obligation, Map<String, ?> body) {
        return approver().post("/api/incidents/" + incident.path("key").asText() + "/obligations/"
                + obligation.path("id").asLong() + "/fulfil", body);
    }

    @Test
    void computesEveryApplicableObligationFromTheFactsSoonestFirst() {
        JsonNode incident = gdprAndCalifornia();
        List<JsonNode> list = obligations(incident);
        JsonNode first = list.get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("gdpr-art33");
        assertThat(first.path("dueAt").asText()).isEqualTo("2026-03-09T08:00:00Z");
        assertThat(first.path("status").asText()).isEqualTo("PENDING");
        assertThat(first.path("basis").asText()).contains("72 hours after awareness");
        assertThat(obligation(incident, "gdpr-art34").orElseThrow().path("deadlineKind").asText())
                .isEqualTo("NO_FIXED_DEADLINE");
        assertThat(obligation(incident, "us-ca-individuals")).isPresent();
        JsonNode notRequired = obligation(incident, "gdpr-art33-2-processor").orElseThrow();
        assertThat(notRequired.path("status").asText()).isEqualTo("NOT_REQUIRED");
        assertThat(notRequired.path("reason").asText()).isNotBlank();
    }

    @Test
    void computesNothingUntilTheOrganisationIsAware() {
        JsonNode incident = open(Map.of("title", "Unconfirmed", "affectedEstimate", Map.of("DE", 10)));
        assertThat(obligations(incident)).isEmpty();
        responder().patch("/api/incidents/" + incident.path("id").asText(), Map.of("awareAt", AWARE));
        assertThat(obligation(incident, "gdpr-art33")).isPresent();
    }

    @Test
    void aFactChangeMovesTheDeadlineAndTheTimelineSaysSo() {
        JsonNode incident = gdprAndCalifornia();
        app().clock.set(Instant.parse("2026-03-07T12:00:00Z")); // a fact's time is never ahead of now
        responder().patch("/api/incidents/" + incident.path("id").asText(),
                Map.of("awareAt", "2026-03-07T09:00:00+01:00"));
        assertThat(obligation(incident, "gdpr-art33").orElseThrow().path("dueAt").asText())
                .isEqualTo("2026-03-10T08:00:00Z");
        List<JsonNode> changes = timeline(incident, "OBLIGATIONS_CHANGED");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).path("text").asText()).contains("gdpr-art33 moved from 2026-03-09T08:00:00Z");
    }

    @Test
    void anAffectedJurisdictionAddedOrRemovedAddsOrRetiresItsObligations() {
        JsonNode incident = gdprAndCalifornia();
        String path = "/api/incidents/" + incident.path("id").asText();
        responder().patch(path, Map.of("affectedEstimate", Map.of("US-TX", 300)));
        assertThat(obligation(incident, "us-tx-individuals").orElseThrow().path("status").asText()).isEqualTo("PENDING");
        var remove = new java.util.HashMap<String, Object>();
        remove.put("US-TX", null);
        responder().patch(path, Map.of("affectedEstimate", remove));
        JsonNode retired = obligation(incident, "us-tx-individuals").orElseThrow();
        assertThat(retired.path("status").asText()).isEqualTo("NOT_REQUIRED");
        assertThat(timeline(incident, "OBLIGATIONS_CHANGED").get(2).path("text").asText())
                .contains("us-tx-individuals no longer required");
    }

    @Test
    void aFilingIsKeptAsEvidenceThroughLaterRecomputation() {
        JsonNode incident = gdprAndCalifornia();
        JsonNode art33 = obligation(incident, "gdpr-art33").orElseThrow();
        app().clock.set(Instant.parse("2026-03-08T12:00:00Z"));
        Api.Reply done = fulfil(incident, art33, Map.of("at", "2026-03-08T11:30:00Z", "reference", "BfDI-77",
                "note", "portal upload"));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.body().path("status").asText()).isEqualTo("DONE");
        responder().patch("/api/incidents/" + incident.path("id").asText(), Map.of("awareAt", "2026-03-07T09:00:00Z",
                "affectedEstimate", Map.of("FR", 3)));
        JsonNode after = obligation(incident, "gdpr-art33").orElseThrow();
        assertThat(after.path("status").asText()).isEqualTo("DONE");
        assertThat(after.path("dueAt").asText()).as("evidence untouched").isEqualTo("2026-03-09T08:00:00Z");
        assertThat(after.path("filing").path("reference").asText()).isEqualTo("BfDI-77");
        assertThat(after.path("filing").path("at").asText()).isEqualTo("2026-03-08T11:30:00Z");
        assertThat(after.path("filing").path("by").asText()).isEqualTo("approver-tester");
        assertThat(timeline(incident, "FILING_RECORDED")).hasSize(1);
    }

    @Test
    void aClockThatWaitsForAnotherFilingStartsWhenThatIsRecorded() {
        JsonNode incident = gdprAndCalifornia();
        JsonNode ag = obligation(incident, "us-ca-ag").orElseThrow();
        assertThat(ag.path("deadlineKind").asText()).isEqualTo("WAITING");
        app().clock.set(Instant.parse("2026-03-20T12:00:00Z"));
        fulfil(incident, obligation(incident, "us-ca-individuals").orElseThrow(), Map.of("reference", "mailing-1"));
        assertThat(obligation(incident, "us-ca-ag").orElseThrow().path("deadlineKind").asText()).isNotEqualTo("WAITING");
    }

    @Test
    void aPendingObligationPastItsDeadlineShowsAsOverdue() {
        JsonNode incident = gdprAndCalifornia();
        app().clock.set(Instant.parse("2026-03-09T08:00:01Z"));
        assertThat(obligation(incident, "gdpr-art33").orElseThrow().path("status").asText()).isEqualTo("OVERDUE");
    }

    @Test
    void refusesBadFilings() {
        JsonNode incident = gdprAndCalifornia();
        JsonNode art33 = obligation(incident, "gdpr-art33").orElseThrow();
        Api.Reply future = fulfil(incident, art33, Map.of("at", "2027-01-01T00:00:00Z"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().path("details").get(0).path("field").asText()).isEqualTo("at");
        Api.Reply beforeTheBreach = fulfil(incident, art33, Map.of("at", "0001-01-01T00:00:00Z"));
        assertThat(beforeTheBreach.status()).as(beforeTheBreach.text()).isEqualTo(400);
        assertThat(beforeTheBreach.str("message")).contains("must not be before the incident began");
        assertThat(obligation(incident, "gdpr-art33").orElseThrow().path("status").asText()).isEqualTo("PENDING");
        assertThat(fulfil(incident, art33, Map.of("extra", 1)).status()).isEqualTo(400);
        assertThat(fulfil(incident, art33, Map.of()).status()).isEqualTo(200);
        Api.Reply again = fulfil(incident, art33, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("obligation.not_pending");
        JsonNode notRequired = obligation(incident, "gdpr-art33-2-processor").orElseThrow();
        assertThat(fulfil(incident, notRequired, Map.of()).status()).isEqualTo(409);
        assertThat(approver().post("/api/incidents/" + incident.path("key").asText() + "/obligations/999999/fulfil",
                Map.of()).status()).isEqualTo(404);
        assertThat(approver().post("/api/incidents/" + incident.path("key").asText() + "/obligations/abc/fulfil",
                Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aProcessorOwesItsControllerTheContractualNotice() {
        JsonNode incident = open(Map.of("title", "Client data", "role", "PROCESSOR", "awareAt", "2026-03-06T08:00:00Z",
                "controllerContact", Map.of("name", "ACME CORP", "email", "dpo@acme.example"),
                "affectedEstimate", Map.of("DE", 50)));
        JsonNode contract = obligation(incident, "contract:acme-corp").orElseThrow();
        assertThat(contract.path("recipient").asText()).isEqualTo("CONTROLLER");
        assertThat(contract.path("dueAt").asText()).isEqualTo("2026-03-07T08:00:00Z");
        assertThat(contract.path("citation").asText()).isEqualTo("DPA 2025, clause 7.2");
    }

    @Test
    void theOnCallViewListsOpenDeadlinesWithinTheHorizonSoonestFirst() {
        JsonNode incident = gdprAndCalifornia();
        Api.Reply week = responder().get("/api/deadlines?within=P7D&limit=200");
        assertThat(week.status()).isEqualTo(200);
        List<String> rules = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        week.body().path("items").forEach(d -> {
            if (d.path("incidentId").asText().equals(incident.path("id").asText())) {
                rules.add(d.path("obligation").path("ruleId").asText());
            }
            dues.add(d.path("obligation").path("dueAt").asText());
        });
        assertThat(rules).contains("gdpr-art33").doesNotContain("us-ca-individuals");
        assertThat(dues).isSorted();
        assertThat(responder().get("/api/deadlines?within=P90D").body().path("total").asLong())
                .isGreaterThan(week.body().path("total").asLong());
        assertThat(responder().get("/api/deadlines?within=soon").status()).isEqualTo(400);
    }

    @Test
    void remindsOnceAtEachOffsetAndWhenOverdueEvenWithTwoInstances() {
        JsonNode incident = gdprAndCalifornia();
        ReminderScheduler one = scheduler();
        ReminderScheduler two = scheduler();
        app().clock.set(Instant.parse("2026-03-08T08:30:00Z"));
        int sent = one.tick() + two.tick();
        app().clock.set(Instant.parse("2026-03-08T09:00:00Z"));
        sent += one.tick() + two.tick();
        app().clock.set(Instant.parse("2026-03-09T05:00:00Z"));
        sent += two.tick() + one.tick();
        app().clock.set(Instant.parse("2026-03-09T09:00:00Z"));
        sent += one.tick() + two.tick() + one.tick();
        List<String> kinds = timeline(incident, "REMINDER_SENT").stream()
                .filter(e -> e.path("data").path("ruleId").asText().equals("gdpr-art33"))
                .map(e -> e.path("data").path("kind").asText()).toList();
        assertThat(kinds).containsExactly("BEFORE_PT24H", "BEFORE_PT4H", "OVERDUE");
        assertThat(sent).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aReminderPassAfterDowntimeSendsOnlyTheMostUrgentReminder() {
        JsonNode incident = gdprAndCalifornia();
        app().clock.set(Instant.parse("2026-03-09T10:00:00Z"));
        scheduler().tick();
        List<JsonNode> reminders = timeline(incident, "REMINDER_SENT").stream()
                .filter(e -> e.path("data").path("ruleId").asText().equals("gdpr-art33")).toList();
        assertThat(reminders).hasSize(1);
        assertThat(reminders.get(0).path("data").path("kind").asText()).isEqualTo("OVERDUE");
        assertThat(reminders.get(0).path("text").asText()).contains("overdue by 2 h");
        scheduler().tick();
        assertThat(timeline(incident, "REMINDER_SENT").stream()
                .filter(e -> e.path("data").path("ruleId").asText().equals("gdpr-art33")).count()).isEqualTo(1);
    }

    @Test
    void aCampaignsCapacityIsCheckedAgainstTheEarliestNoticeToIndividuals() {
        JsonNode incident = gdprAndCalifornia();
        String id = incident.path("id").asText();
        Api.Reply imported = responder().send("POST", "/api/incidents/" + id + "/people",
                "reference,email,jurisdiction\nP-1,p1@example.com,US-CA\n", "Content-Type", "text/csv");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        Api.Reply campaign = responder().post("/api/incidents/" + id + "/campaigns",
                Map.of("noticeKind", "BREACH_NOTICE", "channels", List.of("EMAIL"), "variables",
                        Map.of("organizationName", "Example", "contactWebsite", "https://example.com/incident")));
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        JsonNode capacity = responder().get("/api/campaigns/" + campaign.str("id")).body().path("capacity");
        String californiaDue = obligation(incident, "us-ca-individuals").orElseThrow().path("dueAt").asText();
        String gdprTarget = obligation(incident, "gdpr-art34").orElseThrow().path("targetAt").asText();
        String earliest = Instant.parse(californiaDue).isBefore(Instant.parse(gdprTarget)) ? californiaDue : gdprTarget;
        assertThat(Instant.parse(capacity.path("deadline").asText())).isEqualTo(Instant.parse(earliest));
        assertThat(capacity.path("deadlineSource").asText()).containsAnyOf("us-ca-individuals", "gdpr-art34");

        // Once that deadline has passed, it no longer holds the notices back: they go out at once.
        app().clock.set(Instant.parse(earliest).plus(Duration.ofDays(1)));
        String campaignPath = "/api/campaigns/" + campaign.str("id");
        assertThat(approver().post(campaignPath + "/approve", Map.of()).status()).isEqualTo(200);
        Api.Reply launched = responder().post(campaignPath + "/launch", Map.of());
        assertThat(launched.status()).as(launched.text()).isEqualTo(200);
        assertThat(launched.str("status")).isEqualTo("SENDING");
    }

    @Test
    void theWhatIfEndpointEvaluatesFactsAndStoresNothing() {
        long before = app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM obligation").mapTo(Long.class).one());
        Api.Reply r = app().as(Role.AUDITOR).post("/api/rules/evaluate", Map.of("awareAt", "2026-03-27T18:30:00+01:00",
                "timeZone", "Europe/Paris", "role", "CONTROLLER", "dataCategories", List.of("EMAIL", "CREDENTIALS"),
                "risk", "HIGH", "affected", Map.of("FR", 12000)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().path("obligations").get(0).path("dueAt").asText()).isEqualTo("2026-03-30T17:30:00Z");
        Api.Reply bad = app().as(Role.AUDITOR).post("/api/rules/evaluate", Map.of("awareAt", "2026-03-27T18:30:00"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("rules.invalid_facts");
        assertThat(bad.body().path("details").get(0).path("field").asText()).isEqualTo("awareAt");
        assertThat(app().as(Role.AUDITOR).post("/api/rules/evaluate", Map.of("awareAt", "2026-03-27T18:30:00Z",
                "colour", "red")).status()).isEqualTo(400);
        Api.Reply typo = app().as(Role.AUDITOR).post("/api/rules/evaluate", Map.of("awareAt", "2026-03-27T18:30:00Z",
                "affected", Map.of("FR", 12000, "ZZ", 5)));
        assertThat(typo.status()).as("a code no rule knows is a typo, not a place without law").isEqualTo(400);
        assertThat(typo.body().path("details").get(0).path("field").asText()).isEqualTo("affected.ZZ");
        long after = app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM obligation").mapTo(Long.class).one());
        assertThat(after).isEqualTo(before);
        assertThat(app().as(Role.AUDITOR).get("/api/rules").body().size()).isGreaterThanOrEqualTo(163);
    }

    private ReminderScheduler scheduler() {
        var incidents = new IncidentService(app().jdbi(), new HashChainedAuditLog(app().jdbi(), app().clock,
                StrictJson.newMapper()), app().clock, StrictJson.newMapper(),
                Validation.buildDefaultValidatorFactory().getValidator());
        return new ReminderScheduler(app().jdbi(), incidents, (incident, obligation, kind, text) -> { },
                new DeadlinesConfiguration.Reminders(), app().clock);
    }
}
