package org.breachline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Facts are read strictly; evaluations are written in the shape of facts-format.md. */
class RulesJsonTest {

    private static final String FACTS = """
            {"awareAt": "2026-03-06T09:00:00+01:00", "timeZone": "Europe/Berlin", "establishment": "DE",
             "role": "CONTROLLER", "sectors": [], "dataCategories": ["NAME", "GOVERNMENT_ID"], "encryption": "NONE",
             "risk": "HIGH", "affected": {"US-TX": 12, "DE": 1200},
             "events": {"classifiedSignificantAt": "2026-03-06T11:00:00+01:00"},
             "fulfilled": {"gdpr-art33": "2026-03-07T10:00:00Z"}}
            """;

    @Test
    void readsEveryFieldAndDefaultsTheLaterClockStarts() {
        Facts facts = RulesJson.readFacts(FACTS);

        assertThat(facts.awareAt()).isEqualTo("2026-03-06T08:00:00Z");
        assertThat(facts.discoveredAt()).isEqualTo(facts.awareAt());
        assertThat(facts.determinedAt()).isEqualTo(facts.awareAt());
        assertThat(facts.affected()).containsEntry("US-TX", 12);
        assertThat(facts.event(IncidentEvent.CLASSIFIED_SIGNIFICANT)).contains(Instant.parse("2026-03-06T10:00:00Z"));
        assertThat(facts.fulfilment("gdpr-art33")).contains(Instant.parse("2026-03-07T10:00:00Z"));
    }

    @Test
    void aTimeWithoutZoneOrOffsetIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"2026-03-06T11:00:00+01:00\"", "\"2026-03-06T11:00:00\"")))
                .isInstanceOf(FactsException.class)
                .satisfies(e -> {
                    assertThat(((FactsException) e).field()).isEqualTo("events.classifiedSignificantAt");
                    assertThat(((FactsException) e).problem()).startsWith("'2026-03-06T11:00:00' has no zone or offset");
                });
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"risk\"", "\"riskLevel\"")))
                .isInstanceOf(FactsException.class).hasMessageStartingWith("riskLevel: is not a known field");
    }

    @Test
    void aWrongCaseEnumIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"GOVERNMENT_ID\"", "\"government_id\"")))
                .isInstanceOf(FactsException.class)
                .hasMessageStartingWith("dataCategories[1]: 'government_id' is not one of NAME, EMAIL");
    }

    @Test
    void anUnknownEventAndAMissingAwarenessAreRejected() {
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("classifiedSignificantAt", "significantAt")))
                .hasMessageStartingWith("events.significantAt: is not a known event");
        assertThatThrownBy(() -> RulesJson.readFacts("{\"timeZone\": \"UTC\"}")).hasMessage("awareAt: is required");
    }

    @Test
    void aPlaceThatIsNoIsoCountryIsRefusedRatherThanMatchingNoRule() {
        // ZZ has the shape of a code but is no country: read as-is it silently took away every deadline it owed.
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"US-TX\"", "\"ZZ\"")))
                .isInstanceOf(FactsException.class).hasMessageStartingWith("affected.ZZ: is not an ISO 3166");
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"US-TX\"", "\"UK-LDN\"")))
                .hasMessageStartingWith("affected.UK-LDN: is not an ISO 3166");
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"establishment\": \"DE\"", "\"establishment\": \"EU\"")))
                .hasMessageStartingWith("establishment: must be an ISO 3166-1 alpha-2 country code");
        assertThat(RulesJson.readFacts(FACTS.replace("\"US-TX\"", "\"GB\"")).affected()).containsKey("GB");
    }

    @Test
    void anEmptyKeyAndADocumentThatIsNoObjectAreNamedPlainly() {
        assertThatThrownBy(() -> RulesJson.readFacts(FACTS.replace("\"US-TX\"", "\"\"")))
                .hasMessageStartingWith("affected.\"\": is not an ISO 3166");
        assertThatThrownBy(() -> RulesJson.readFacts("null")).hasMessage("the facts must be a JSON object")
                .satisfies(e -> assertThat(((FactsException) e).field()).isEmpty());
        assertThatThrownBy(() -> RulesJson.readFacts("{\"awareAt\": ")).hasMessage(
                "the facts is not valid JSON (line 1, column 13)");
    }

    @Test
    void listsRulesWithTheirClockInWords() {
        JsonNode rules = RulesJson.rulesTree(EngineFixture.RULEBOOK.rules());

        JsonNode eightK = rules.findParents("id").stream().filter(r -> r.get("id").asText().equals("us-sec-8k-item105"))
                .findFirst().orElseThrow();
        assertThat(rules).hasSize(EngineFixture.RULEBOOK.rules().size());
        assertThat(eightK.get("clock").asText()).isEqualTo("4 business days [US-FEDERAL] after the materiality determination");
        assertThat(eightK.get("jurisdiction").asText()).isEqualTo("US");
    }

    @Test
    void writesTheEvaluationInTheDocumentedShape() throws Exception {
        Evaluation evaluation = EngineFixture.ENGINE.evaluate(RulesJson.readFacts(FACTS));

        JsonNode json = new ObjectMapper().readTree(RulesJson.writeEvaluation(evaluation));

        JsonNode art33 = json.get("obligations").get(0);
        assertThat(art33.get("ruleId").asText()).isEqualTo("gdpr-art33");
        assertThat(art33.get("dueAt").asText()).isEqualTo("2026-03-09T08:00:00Z");
        assertThat(art33.get("deadlineKind").asText()).isEqualTo("FIXED");
        assertThat(art33.get("basis").asText()).isEqualTo("72 hours after awareness (2026-03-06 09:00 +01:00)");
        JsonNode art34 = json.get("obligations").findParents("ruleId").stream()
                .filter(o -> o.get("ruleId").asText().equals("gdpr-art34")).findFirst().orElseThrow();
        assertThat(art34.get("dueAt").isNull()).isTrue();
        assertThat(art34.get("targetAt").asText()).isEqualTo("2026-03-13T08:00:00Z");
        JsonNode texas = json.get("notRequired").findParents("ruleId").stream()
                .filter(n -> n.get("ruleId").asText().equals("us-tx-ag")).findFirst().orElseThrow();
        assertThat(texas.get("jurisdiction").asText()).isEqualTo("US-TX");
        assertThat(texas.get("reason").asText()).isEqualTo("fewer than 250 affected Texas residents (12)");
    }
}
