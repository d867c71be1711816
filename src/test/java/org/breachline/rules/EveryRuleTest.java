package org.breachline.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test pair per shipped rule, built from the rule's own trigger: facts that meet it yield an obligation to the
 * rule's recipient with the deadline kind its clock implies; facts that miss one condition put it in notRequired.
 */
class EveryRuleTest {

    private static Rulebook rulebook;
    private static RulesEngine engine;

    @BeforeAll
    static void loadRulebook() {
        rulebook = Rulebook.load();
        engine = new RulesEngine(rulebook, EngineSettings.defaults());
    }

    static List<String> ruleIds() {
        return Rulebook.load().rules().stream().map(Rule::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void appliesToFactsThatMeetItsTrigger(String ruleId) {
        Rule rule = rulebook.rule(ruleId).orElseThrow();
        Evaluation evaluation = engine.evaluate(meeting(rule).build());
        if (rule.status() != RuleStatus.IN_FORCE) {
            assertThat(evaluation.notRequired()).filteredOn(n -> n.ruleId().equals(ruleId))
                    .singleElement().satisfies(n -> assertThat(n.reason()).startsWith("not in force"));
            return;
        }
        assertThat(evaluation.obligations()).as("not required: %s", evaluation.notRequired().stream()
                        .filter(n -> n.ruleId().equals(ruleId)).toList())
                .filteredOn(o -> o.ruleId().equals(ruleId)).singleElement().satisfies(o -> {
                    assertThat(o.recipient()).isEqualTo(rule.recipient());
                    assertThat(o.jurisdiction()).isEqualTo(rule.jurisdiction());
                    assertThat(o.basis()).isNotBlank();
                    if (rule.clock() instanceof Clock.WithoutFixedDeadline) {
                        assertThat(o.deadlineKind()).isEqualTo(DeadlineKind.NO_FIXED_DEADLINE);
                        assertThat(o.dueAt()).isNull();
                    } else {
                        assertThat(o.deadlineKind()).as(o.basis()).isEqualTo(DeadlineKind.FIXED);
                        assertThat(o.dueAt()).isAfter(awareAt(rule));
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleIds")
    void isNotRequiredWhenItsTriggerIsMissed(String ruleId) {
        Rule rule = rulebook.rule(ruleId).orElseThrow();
        FactsBuilder facts = meeting(rule);
        miss(rule, facts);
        Evaluation evaluation = engine.evaluate(facts.build());
        assertThat(evaluation.obligations()).extracting(Obligation::ruleId).doesNotContain(ruleId);
        assertThat(evaluation.notRequired()).filteredOn(n -> n.ruleId().equals(ruleId)).singleElement()
                .satisfies(n -> assertThat(n.reason()).isNotBlank());
    }

    /** Facts meeting the rule's trigger and those of the rules it depends on. */
    private static FactsBuilder meeting(Rule rule) {
        Instant aware = awareAt(rule);
        FactsBuilder facts = FactsBuilder.awareAt(aware).timeZone("UTC").risk(Risk.HIGH);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        Set<Sector> sectors = EnumSet.noneOf(Sector.class);
        Role role = null;
        Cause cause = null;
        int lower = 0;
        int upper = Integer.MAX_VALUE;
        for (Rule r = rule; r != null; r = r.trigger().dependsOn() == null ? null
                : rulebook.rule(r.trigger().dependsOn()).orElseThrow()) {
            List<Trigger> parts = new ArrayList<>(List.of(r.trigger()));
            if (!r.trigger().anyOf().isEmpty()) {
                parts.add(r.trigger().anyOf().get(0));
            }
            for (Trigger t : parts) {
                if (role == null && !t.roles().isEmpty()) {
                    role = t.roles().contains(Role.CONTROLLER) ? Role.CONTROLLER : Role.PROCESSOR;
                }
                if (!t.sectors().isEmpty() && t.sectors().stream().noneMatch(sectors::contains)) {
                    sectors.add(t.sectors().stream().sorted().findFirst().orElseThrow());
                }
                if (!t.dataCategories().isEmpty()) {
                    categories.addAll(t.dataCategories().get(0));
                }
                if (Boolean.TRUE.equals(t.personalData()) && categories.isEmpty()) {
                    categories.add(DataCategory.NAME);
                }
                if (cause == null && !t.causes().isEmpty()) {
                    cause = t.causes().iterator().next();
                }
                if (t.maxRisk() != null) {
                    facts.risk(t.maxRisk());
                }
                if (t.affectedCount() != null) {
                    int[] bounds = bounds(t.affectedCount().op(), t.affectedCount().value());
                    lower = Math.max(lower, bounds[0]);
                    upper = Math.min(upper, bounds[1]);
                }
            }
            if (r.threshold() != null) {
                int[] bounds = bounds(r.threshold().op(), r.threshold().value());
                lower = Math.max(lower, bounds[0]);
                upper = Math.min(upper, bounds[1]);
            }
        }
        int count = lower > 0 ? lower : Math.min(1000, upper);
        facts.role(role == null ? Role.CONTROLLER : role).sectors(sectors).dataCategories(categories)
                .cause(cause).affected(Map.of(place(rule), count));
        Map<IncidentEvent, Instant> events = new EnumMap<>(IncidentEvent.class);
        for (IncidentEvent event : IncidentEvent.values()) {
            events.put(event, aware.plus(Duration.ofHours(24)));
        }
        if (rule.requiresEvent() == null) {
            events.remove(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED);
            events.remove(IncidentEvent.LAW_ENFORCEMENT_CLEARED);
        } else {
            events.put(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED, aware.plus(Duration.ofHours(2)));
        }
        Map<String, Instant> fulfilled = new HashMap<>();
        rulebook.rules().forEach(r -> fulfilled.put(r.id(), aware.plus(Duration.ofHours(48))));
        return facts.events(events).fulfilled(fulfilled);
    }

    /** Changes the facts so that exactly one of the rule's conditions (or its dependency's) no longer holds. */
    private static void miss(Rule rule, FactsBuilder facts) {
        Trigger t = rule.trigger();
        if (rule.status() != RuleStatus.IN_FORCE) {
            return;
        }
        if (!t.sectors().isEmpty()) {
            facts.sectors(Set.of());
        } else if (t.roles().size() == 1) {
            facts.role(t.roles().contains(Role.CONTROLLER) ? Role.PROCESSOR : Role.CONTROLLER);
        } else if (t.minRisk() != null) {
            facts.risk(Risk.NONE);
        } else if (!t.dataCategories().isEmpty()) {
            facts.dataCategories(Set.of(DataCategory.USAGE_DATA));
        } else if (rule.threshold() != null) {
            facts.affected(Map.of(place(rule), failing(rule.threshold().op(), rule.threshold().value())));
        } else if (t.encryptionSafeHarbour()) {
            facts.encryption(Encryption.ENCRYPTED);
        } else if (Boolean.TRUE.equals(t.personalData())) {
            facts.dataCategories(Set.of());
        } else if (t.dependsOn() != null) {
            miss(rulebook.rule(t.dependsOn()).orElseThrow(), facts);
        } else if (rule.effectiveFrom() != null) {
            facts.becameAwareAt(rule.effectiveFrom().minusDays(30).atStartOfDay().toInstant(ZoneOffset.UTC));
        } else {
            throw new AssertionError("no condition of " + rule.id() + " to miss");
        }
    }

    private static Instant awareAt(Rule rule) {
        LocalDate date = LocalDate.of(2026, 6, 1);
        if (rule.effectiveFrom() != null && date.isBefore(rule.effectiveFrom())) {
            date = rule.effectiveFrom().plusDays(10);
        }
        if (rule.effectiveTo() != null && date.isAfter(rule.effectiveTo())) {
            date = rule.effectiveTo().minusDays(60);
        }
        return date.atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    /** A place inside the rule's jurisdiction, so that it is touched. */
    private static String place(Rule rule) {
        return switch (rule.jurisdiction()) {
            case "EU" -> "DE";
            case "US" -> "US-NY";
            default -> rule.jurisdiction();
        };
    }

    private static int[] bounds(ComparisonOperator op, int value) {
        return switch (op) {
            case MORE_THAN -> new int[] {value + 1, Integer.MAX_VALUE};
            case AT_LEAST -> new int[] {value, Integer.MAX_VALUE};
            case FEWER_THAN -> new int[] {0, value - 1};
            case AT_MOST -> new int[] {0, value};
        };
    }

    private static int failing(ComparisonOperator op, int value) {
        return switch (op) {
            case MORE_THAN -> value;
            case AT_LEAST -> value - 1;
            case FEWER_THAN -> value;
            case AT_MOST -> value + 1;
        };
    }
}
