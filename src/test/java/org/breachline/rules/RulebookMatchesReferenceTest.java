package org.breachline.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML rulebook carries the reference's data over unchanged (deadline-rules.json, copied into the test resources):
 * every id, its trigger as written, its threshold, dates and sources. The researched US rules (the generator's second
 * input, kept in the repo under rulebook/sources/) are held to the same and must sit in their own file, so that the
 * reference's files stay the reference's. Guards the generator and hand edits.
 */
class RulebookMatchesReferenceTest {

    private static final String RESEARCHED_SOURCE = "/rulebook/sources/us-extra-rules.json";
    private static final String RESEARCHED_FILE = "us-states-researched.yaml";
    private static final Map<String, JsonNode> SHIPPED = new HashMap<>();
    private static final Map<String, String> FILE_OF = new HashMap<>();

    @BeforeAll
    static void readShippedYaml() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        for (String file : lines("/rulebook/index")) {
            try (InputStream in = RulebookMatchesReferenceTest.class.getResourceAsStream("/rulebook/" + file)) {
                yaml.readTree(in).forEach(rule -> {
                    SHIPPED.put(rule.get("id").asText(), rule);
                    FILE_OF.put(rule.get("id").asText(), file);
                });
            }
        }
    }

    static List<Arguments> referenceRules() throws IOException {
        return rulesOf("/rules/deadline-rules.json");
    }

    static List<Arguments> researchedRules() throws IOException {
        return rulesOf(RESEARCHED_SOURCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceRules")
    void carriesTheReferenceRuleOver(String id, JsonNode reference) {
        assertThat(FILE_OF.get(id)).as("file of %s", id).isNotEqualTo(RESEARCHED_FILE);
        carriesOver(id, reference);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("researchedRules")
    void carriesTheResearchedRuleOverIntoItsOwnFile(String id, JsonNode researched) {
        assertThat(FILE_OF.get(id)).as("file of %s", id).isEqualTo(RESEARCHED_FILE);
        carriesOver(id, researched);
        assertThat(SHIPPED.get(id).get("citation").asText()).isEqualTo(researched.get("citation").asText());
    }

    private static void carriesOver(String id, JsonNode reference) {
        JsonNode shipped = SHIPPED.get(id);

        assertThat(shipped).as(id).isNotNull();
        assertThat(shipped.get("trigger")).as("trigger of %s", id).isEqualTo(reference.get("trigger"));
        assertThat(text(shipped, "effectiveFrom")).isEqualTo(text(reference, "effective_from"));
        assertThat(text(shipped, "effectiveTo")).isEqualTo(text(reference, "effective_to"));
        assertThat(text(shipped, "confirmation")).isEqualTo(text(reference, "confirmation"));
        assertThat(shipped.get("sources")).isEqualTo(reference.get("sources"));
        assertThat(shipped.get("recipient").asText()).isIn(List.of(Recipient.values()).stream().map(Enum::name).toList());
        JsonNode count = reference.get("thresholds").get("affected_count");
        boolean restatedInAnyOf = reference.get("trigger").has("anyOf")
                && reference.get("trigger").get("anyOf").findValue("affectedCount") != null;
        if (count != null && !count.isNull() && !restatedInAnyOf) {
            assertThat(shipped.get("threshold").get("op")).isEqualTo(count.get("op"));
            assertThat(shipped.get("threshold").get("value").asInt()).isEqualTo(count.get("value").asInt());
        } else {
            assertThat(shipped.has("threshold")).as("threshold of %s", id).isFalse();
        }
    }

    private static List<Arguments> rulesOf(String resource) throws IOException {
        try (InputStream in = RulebookMatchesReferenceTest.class.getResourceAsStream(resource)) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).spliterator(), false)
                    .map(rule -> Arguments.of(rule.get("id").asText(), rule)).toList();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> lines(String resource) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RulebookMatchesReferenceTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
