package org.breachline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a rule must pass beyond its YAML shape: required fields, sound clocks, known references. */
final class RuleValidation {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");
    private static final Pattern JURISDICTION = Pattern.compile("EU|[A-Z]{2}(-[A-Z0-9]{1,3})?");

    private RuleValidation() {
    }

    /** Problems of the rule on its own, in words; empty when it is sound. */
    static List<String> problemsOf(Rule rule) {
        List<String> problems = new ArrayList<>();
        require(problems, rule.id(), "id");
        require(problems, rule.jurisdiction(), "jurisdiction");
        require(problems, rule.citation(), "citation");
        require(problems, rule.recipient(), "recipient");
        require(problems, rule.trigger(), "trigger");
        require(problems, rule.status(), "status");
        require(problems, rule.clock(), "clock");
        if (rule.id() != null && !ID.matcher(rule.id()).matches()) {
            problems.add("bad id '" + rule.id() + "' (lower case letters, digits, '-' and '.')");
        }
        if (rule.jurisdiction() != null && !JURISDICTION.matcher(rule.jurisdiction()).matches()) {
            problems.add("bad jurisdiction '" + rule.jurisdiction() + "' (ISO 3166 code such as DE, US-CA, or EU)");
        }
        if (rule.threshold() != null && (rule.threshold().op() == null || rule.threshold().scope() == null)) {
            problems.add("threshold needs op, value and scope");
        }
        if (rule.effectiveFrom() != null && rule.effectiveTo() != null
                && rule.effectiveTo().isBefore(rule.effectiveFrom())) {
            problems.add("effectiveTo is before effectiveFrom");
        }
        if (rule.clock() != null) {
            clockProblems(rule.clock(), "clock", problems);
        }
        for (int i = 0; i < rule.clockVariants().size(); i++) {
            ClockVariant variant = rule.clockVariants().get(i);
            if (variant.when() == null && variant.event() == null || variant.clock() == null) {
                problems.add("clockVariants[" + i + "] needs 'clock' and 'when' or 'event'");
            } else {
                clockProblems(variant.clock(), "clockVariants[" + i + "].clock", problems);
            }
        }
        return problems;
    }

    /** Problems with what the rule refers to (other rules, calendars), in words. */
    static List<String> referenceProblemsOf(Rule rule, Set<String> ruleIds, Map<String, ?> calendars) {
        List<String> problems = new ArrayList<>();
        Trigger trigger = rule.trigger();
        if (trigger.dependsOn() != null && !ruleIds.contains(trigger.dependsOn())) {
            problems.add("unknown dependsOn id '" + trigger.dependsOn() + "'");
        }
        if (trigger.supersededBy() != null && !ruleIds.contains(trigger.supersededBy())) {
            problems.add("unknown supersededBy id '" + trigger.supersededBy() + "'");
        }
        List<Clock> clocks = new ArrayList<>();
        clocks.add(rule.clock());
        rule.clockVariants().forEach(v -> clocks.add(v.clock()));
        for (Clock clock : clocks) {
            references(clock, ruleIds, calendars, problems);
        }
        return problems;
    }

    private static void references(Clock clock, Set<String> ruleIds, Map<String, ?> calendars, List<String> problems) {
        if (clock instanceof Clock.EarliestOf earliest) {
            earliest.limits().forEach(l -> references(l, ruleIds, calendars, problems));
            return;
        }
        if (clock instanceof Clock.BusinessDays days && !calendars.containsKey(days.calendar())) {
            problems.add("unknown calendar '" + days.calendar() + "' (known: " + calendars.keySet() + ")");
        }
        if (startOf(clock) instanceof ClockStart.FulfilmentOf fulfilment) {
            fulfilment.ruleIds().stream().filter(id -> !ruleIds.contains(id))
                    .forEach(id -> problems.add("unknown fulfilmentOf id '" + id + "'"));
        }
    }

    private static void clockProblems(Clock clock, String path, List<String> problems) {
        String problem = clock.problem();
        if (problem != null) {
            problems.add(path + ": " + problem);
        }
        if (clock instanceof Clock.EarliestOf earliest) {
            for (int i = 0; i < earliest.limits().size(); i++) {
                clockProblems(earliest.limits().get(i), path + ".limits[" + i + "]", problems);
            }
        } else if (startOf(clock) == null) {
            problems.add("missing field '" + path + ".start'");
        }
    }

    static ClockStart startOf(Clock clock) {
        return clock.start();
    }

    private static void require(List<String> problems, Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problems.add("missing field '" + field + "'");
        }
    }
}
