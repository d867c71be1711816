package org.breachline.rules;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one incident, whether each rule applies. A rule's checks run in a fixed order (law and dates,
 * supersession, dependency, trigger, threshold, required event); the first that fails is the reason. Outcomes are
 * remembered, since dependent rules ask about the rules they depend on.
 */
final class RuleApplicability {

    /** One check of a rule against the facts. */
    @FunctionalInterface
    private interface Check {
        Applicability test(Rule rule);
    }

    private static final Applicability APPLIES = new Applicability.Applies();

    private final Facts facts;
    private final Rulebook rulebook;
    private final ClockStarts starts;
    private final Map<String, Applicability> outcomes = new HashMap<>();
    private final List<Check> checks = List.of(this::isLaw, this::inForce, this::notSuperseded, this::dependency,
            this::trigger, this::threshold, this::requiredEvent);

    RuleApplicability(Facts facts, Rulebook rulebook, ClockStarts starts) {
        this.facts = facts;
        this.rulebook = rulebook;
        this.starts = starts;
    }

    Applicability of(Rule rule) {
        Applicability known = outcomes.get(rule.id());
        if (known != null) {
            return known;
        }
        // Guards against a cycle of dependsOn/supersededBy in an override: the inner visit sees "not required".
        outcomes.put(rule.id(), new Applicability.DependencyNotRequired(rule.id(), "circular reference"));
        Applicability outcome = APPLIES;
        for (Check check : checks) {
            outcome = check.test(rule);
            if (!outcome.applies()) {
                break;
            }
        }
        outcomes.put(rule.id(), outcome);
        return outcome;
    }

    private Applicability isLaw(Rule rule) {
        return rule.status() == RuleStatus.IN_FORCE ? APPLIES
                : new Applicability.NotLaw(rule.status(), rule.statusNote());
    }

    private Applicability inForce(Rule rule) {
        LocalDate date = starts.incidentDate(rule);
        boolean started = rule.effectiveFrom() == null || !date.isBefore(rule.effectiveFrom());
        boolean ended = rule.effectiveTo() != null && date.isAfter(rule.effectiveTo());
        return started && !ended ? APPLIES
                : new Applicability.NotInForceOn(date, rule.effectiveFrom(), rule.effectiveTo());
    }

    private Applicability notSuperseded(Rule rule) {
        String by = rule.trigger().supersededBy();
        if (by == null) {
            return APPLIES;
        }
        boolean replaced = rulebook.rule(by).map(this::of).map(Applicability::applies).orElse(false);
        return replaced ? new Applicability.Superseded(by) : APPLIES;
    }

    private Applicability dependency(Rule rule) {
        String on = rule.trigger().dependsOn();
        if (on == null) {
            return APPLIES;
        }
        Applicability dependency = rulebook.rule(on).map(this::of)
                .orElse(new Applicability.DependencyNotRequired(on, "unknown rule"));
        return dependency.applies() ? APPLIES : new Applicability.DependencyNotRequired(on, dependency.reason());
    }

    private Applicability trigger(Rule rule) {
        return TriggerConditions.test(rule.trigger(), facts, rule.jurisdiction());
    }

    private Applicability threshold(Rule rule) {
        AffectedThreshold threshold = rule.threshold();
        if (threshold == null) {
            return APPLIES;
        }
        int count = Jurisdictions.count(rule.jurisdiction(), facts.affected(), threshold.counting());
        return threshold.op().holds(count, threshold.value()) ? APPLIES
                : new Applicability.BelowThreshold(threshold.op().failure(threshold.value(), "affected " + threshold.scope(), count));
    }

    private Applicability requiredEvent(Rule rule) {
        IncidentEvent event = rule.requiresEvent();
        return event == null || facts.event(event).isPresent() ? APPLIES : new Applicability.EventAbsent(event);
    }
}
