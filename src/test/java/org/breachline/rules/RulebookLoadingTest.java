package org.breachline.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.breachline.rules.FactsBuilder.awareAt;

/** Loading the shipped rulebook and an override directory, and refusing malformed files with file and line. */
class RulebookLoadingTest {

    private static final String TEXAS_AG_IN_TEN_DAYS = """
            - id: us-tx-ag
              jurisdiction: US-TX
              law: Tex. Bus. & Com. Code 521.053
              citation: 521.053(i) as tightened by our counsel
              recipient: ATTORNEY_GENERAL
              trigger: {dependsOn: us-tx-individuals}
              threshold: {op: '>=', value: 250, scope: Texas residents}
              status: IN_FORCE
              clock: {kind: CALENDAR_DAYS, start: DETERMINATION, days: 10}
            """;

    @TempDir
    Path overrides;

    /** The reference's 163 rules and the 63 researched for the 20 US jurisdictions it lacked. */
    private static final int SHIPPED_RULES = 163 + 63;

    @Test
    void theShippedRulebookHoldsEveryReferenceRuleOnce() {
        Rulebook rulebook = Rulebook.load();

        assertThat(rulebook.rules()).hasSize(SHIPPED_RULES);
        assertThat(rulebook.rules()).extracting(Rule::id).doesNotHaveDuplicates();
        Map<String, Long> byFamily = rulebook.rules().stream()
                .collect(Collectors.groupingBy(Rule::jurisdiction, Collectors.counting()));
        assertThat(byFamily).containsEntry("EU", 15L).containsEntry("GB", 5L).containsEntry("US", 18L);
        assertThat(rulebook.rule("gdpr-art33").orElseThrow().sources()).isNotEmpty();
        assertThat(byFamily).containsEntry("US-AK", 4L).containsEntry("US-GA", 3L).containsEntry("US-VI", 2L);
    }

    @Test
    void aMissingOverrideDirectoryLeavesTheShippedRulebook() {
        assertThat(Rulebook.load(overrides.resolve("absent")).rules()).hasSize(SHIPPED_RULES);
    }

    @Test
    void anOverrideFileReplacesAShippedRuleById() throws IOException {
        Files.writeString(overrides.resolve("counsel.yaml"), TEXAS_AG_IN_TEN_DAYS);
        RulesEngine engine = new RulesEngine(Rulebook.load(overrides), EngineSettings.defaults());

        Evaluation evaluation = engine.evaluate(awareAt("2026-01-15T10:00:00-06:00").timeZone("America/Chicago")
                .affected("US-TX", 300).data(DataCategory.NAME, DataCategory.GOVERNMENT_ID).build());

        assertThat(Rulebook.load(overrides).rules()).hasSize(SHIPPED_RULES);
        assertThat(EngineFixture.find(evaluation, "us-tx-ag").orElseThrow().dueAt()).isEqualTo("2026-01-26T05:59:59Z");
    }

    @Test
    void anOverrideFileCanAddARule() throws IOException {
        write("extra.yml", TEXAS_AG_IN_TEN_DAYS.replace("id: us-tx-ag", "id: us-tx-extra"));

        assertThat(Rulebook.load(overrides).rule("us-tx-extra")).isPresent();
    }

    @Test
    void anUnknownKeyIsRefusedWithFileAndLine() throws IOException {
        Path file = write("typo.yaml", TEXAS_AG_IN_TEN_DAYS.replace("  recipient:", "  recipent:"));

        assertThatThrownBy(() -> Rulebook.load(overrides)).isInstanceOf(RulebookException.class)
                .hasMessageStartingWith(file + ":5: unknown key 'recipent'")
                .satisfies(e -> assertThat(((RulebookException) e).line()).isEqualTo(5));
    }

    @Test
    void aBadEnumValueIsRefusedWithTheAllowedValues() throws IOException {
        Path file = write("enum.yaml", TEXAS_AG_IN_TEN_DAYS.replace("ATTORNEY_GENERAL", "ATTORNEY"));

        assertThatThrownBy(() -> Rulebook.load(overrides)).hasMessageStartingWith(file + ":5: bad value 'ATTORNEY'")
                .hasMessageContaining("allowed: SUPERVISORY_AUTHORITY, INDIVIDUALS, ATTORNEY_GENERAL");
    }

    @Test
    void aBadDurationIsRefused() throws IOException {
        Path file = write("duration.yaml", withClock("{kind: ELAPSED, start: AWARENESS, duration: 72h}"));

        assertThatThrownBy(() -> Rulebook.load(overrides)).hasMessageStartingWith(file + ":9: bad duration '72h'");
    }

    @Test
    void aMissingFieldIsRefusedAtTheRulesLine() throws IOException {
        Path file = write("missing.yaml",
                "# a comment first\n" + TEXAS_AG_IN_TEN_DAYS.replace("  recipient: ATTORNEY_GENERAL\n", ""));

        assertThatThrownBy(() -> Rulebook.load(overrides))
                .hasMessage(file + ":2: rule 'us-tx-ag': missing field 'recipient'");
    }

    @Test
    void anUnknownDependsOnIdIsRefused() throws IOException {
        Path file = write("depends.yaml",
                TEXAS_AG_IN_TEN_DAYS.replace("dependsOn: us-tx-individuals", "dependsOn: us-tx-individual"));

        assertThatThrownBy(() -> Rulebook.load(overrides))
                .hasMessage(file + ":1: rule 'us-tx-ag': unknown dependsOn id 'us-tx-individual'");
    }

    @Test
    void anUnknownCalendarIsRefused() throws IOException {
        write("calendar.yaml", withClock(
                "{kind: BUSINESS_DAYS, start: DETERMINATION, days: 10, calendar: TX}"));

        assertThatThrownBy(() -> Rulebook.load(overrides)).hasMessageContaining("unknown calendar 'TX'");
    }

    @Test
    void anOverrideCalendarFileAddsAHolidayCalendar() throws IOException {
        write("calendars.yaml", "- {name: US-TX-STATE, country: UNITED_STATES, subdivisions: [tx]}\n");
        write("rules.yaml", withClock(
                "{kind: BUSINESS_DAYS, start: DETERMINATION, days: 10, calendar: US-TX-STATE}"));

        assertThat(Rulebook.load(overrides).calendar("US-TX-STATE")).isPresent();
    }

    @Test
    void aRuleDefinedTwiceInOneFileIsRefused() throws IOException {
        Path file = write("twice.yaml", TEXAS_AG_IN_TEN_DAYS + TEXAS_AG_IN_TEN_DAYS);

        assertThatThrownBy(() -> Rulebook.load(overrides))
                .hasMessage(file + ":10: rule 'us-tx-ag' is defined twice (first at line 1)");
    }

    private static String withClock(String clock) {
        return TEXAS_AG_IN_TEN_DAYS.replace("{kind: CALENDAR_DAYS, start: DETERMINATION, days: 10}", clock);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(overrides.resolve(name), content);
    }
}
