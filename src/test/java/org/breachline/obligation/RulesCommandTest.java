package org.breachline.obligation;

import org.breachline.testing.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rules evaluate FACTS.json} reproduces every worked case; {@code rules list} prints the rulebook. */
class RulesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<JsonNode> workedCases() throws Exception {
        List<JsonNode> cases = new ArrayList<>();
        for (String file : new String[]{"/rules/deadline-cases.json", "/rules/us-extra-cases.json"}) {
            try (InputStream in = RulesCommandTest.class.getResourceAsStream(file)) {
                JSON.readTree(in).forEach(cases::add);
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("workedCases")
    void evaluatesAWorkedCaseFromAFile(JsonNode workedCase) throws Exception {
        Path facts = dir.resolve("facts.json");
        Files.writeString(facts, workedCase.path("facts").toString());
        JsonNode out = JSON.readTree(Cli.run("rules", "evaluate", facts.toString()));
        Map<String, JsonNode> got = new HashMap<>();
        out.path("obligations").forEach(o -> got.put(o.path("ruleId").asText(), o));
        for (JsonNode expected : workedCase.path("expected").path("obligations")) {
            JsonNode o = got.get(expected.path("ruleId").asText());
            assertThat(o).as(workedCase.path("name").asText() + ": " + expected.path("ruleId").asText()).isNotNull();
            if (!expected.path("dueAt").isNull()) {
                assertThat(Instant.parse(o.path("dueAt").asText())).isEqualTo(Instant.parse(expected.path("dueAt").asText()));
            } else {
                assertThat(o.path("dueAt").isNull()).isTrue();
            }
            assertThat(o.path("deadlineKind").asText()).isEqualTo(expected.path("deadlineKind").asText());
        }
        for (JsonNode notRequired : workedCase.path("expected").path("notRequired")) {
            String id = notRequired.isTextual() ? notRequired.asText() : notRequired.path("ruleId").asText();
            assertThat(got).as(workedCase.path("name").asText()).doesNotContainKey(id);
        }
    }

    @Test
    void aMalformedOverrideFileIsRefusedNamingFileAndLine() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("local.yaml"), "- id: local-rule\n  jurisdiction: DE\n  recipent: X\n");
        // A failing command ends the JVM (as it should on the command line), so it runs as a process of its own.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.breachline.BreachlineApplication", "rules", "list",
                "--rulebook-dir", rules.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(output).containsPattern("local\\.yaml:\\d+").contains("recipent");
    }

    @Test
    void listsTheRulebookAsATableAndAsJson() throws Exception {
        String table = Cli.run("rules", "list");
        assertThat(table).contains("gdpr-art33").contains("72 hours after awareness").containsPattern("\\d+ rules");
        JsonNode json = JSON.readTree(Cli.run("rules", "list", "--format", "json"));
        assertThat(json.size()).isGreaterThanOrEqualTo(226);
        assertThat(json.get(0).has("id")).isTrue();
    }
}
