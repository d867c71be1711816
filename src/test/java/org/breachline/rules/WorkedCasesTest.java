package org.breachline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every worked case of the shared reference, and of the research that added the US jurisdictions the reference
 * lacked (us-extra-cases.json, same format), run through the shipped rulebook and the engine.
 */
class WorkedCasesTest {

    private static final RulesEngine ENGINE = new RulesEngine(Rulebook.load(), EngineSettings.defaults());
    private static final List<String> CASE_FILES = List.of("/rules/deadline-cases.json", "/rules/us-extra-cases.json");

    static Stream<Arguments> workedCases() throws IOException {
        List<Arguments> arguments = new ArrayList<>();
        for (String file : CASE_FILES) {
            try (InputStream in = WorkedCasesTest.class.getResourceAsStream(file)) {
                new ObjectMapper().readTree(in).forEach(c -> arguments.add(Arguments.of(c.get("name").asText(), c)));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workedCases")
    void reproducesTheWorkedCase(String name, JsonNode workedCase) {
        Evaluation evaluation = ENGINE.evaluate(RulesJson.readFacts(workedCase.get("facts")));
        JsonNode expected = workedCase.get("expected");
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode want : expected.get("obligations")) {
            String ruleId = want.get("ruleId").asText();
            Optional<Obligation> got = evaluation.obligations().stream()
                    .filter(o -> o.ruleId().equals(ruleId)).findFirst();
            softly.assertThat(got).as("%s: obligation %s (not required: %s)", name, ruleId,
                    evaluation.notRequired().stream().filter(n -> n.ruleId().equals(ruleId)).findFirst()
                            .map(NotRequired::reason).orElse("-")).isPresent();
            got.ifPresent(o -> {
                Instant due = want.get("dueAt").isNull() ? null : Instant.parse(want.get("dueAt").asText());
                softly.assertThat(o.dueAt()).as("%s: dueAt of %s (%s)", name, ruleId, o.basis()).isEqualTo(due);
                softly.assertThat(o.deadlineKind()).as("%s: deadlineKind of %s (%s)", name, ruleId, o.basis())
                        .isEqualTo(DeadlineKind.valueOf(want.get("deadlineKind").asText()));
            });
        }
        for (JsonNode want : expected.get("notRequired")) {
            String ruleId = want.asText();
            softly.assertThat(evaluation.notRequired()).as("%s: %s not required; obligations %s", name, ruleId,
                    evaluation.obligations().stream().filter(o -> o.ruleId().equals(ruleId)).toList())
                    .extracting(NotRequired::ruleId).contains(ruleId);
        }
        softly.assertAll();
    }
}
