package org.breachline.rules;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regulator-deadline engine: facts + rulebook + calendars → obligations. Pure and deterministic: every time is
 * relative to the facts, nothing reads the clock or does I/O.
 */
public final class RulesEngine {

    private final Rulebook rulebook;
    private final EngineSettings settings;

    public RulesEngine(Rulebook rulebook, EngineSettings settings) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The obligations of one incident, and every rule of a touched jurisdiction that does not apply. */
    public Evaluation evaluate(Facts facts) {
        ZoneId zone = facts.timeZone() == null ? settings.defaultZone() : facts.timeZone();
        ClockStarts starts = new ClockStarts(facts, zone, rulebook);
        RuleApplicability applicability = new RuleApplicability(facts, rulebook, starts);
        DeadlineCounter counter = new DeadlineCounter(facts, zone, rulebook, starts, settings);
        List<Obligation> obligations = new ArrayList<>();
        List<NotRequired> notRequired = new ArrayList<>();
        for (Rule rule : rulebook.rules()) {
            if (!Jurisdictions.touched(rule.jurisdiction(), facts)) {
                continue;
            }
            Applicability outcome = applicability.of(rule);
            if (outcome.applies()) {
                obligations.add(obligation(rule, counter.count(rule)));
            } else {
                notRequired.add(new NotRequired(rule.id(), rule.jurisdiction(), outcome.reason()));
            }
        }
        return new Evaluation(obligations, notRequired);
    }

    /** The rulebook this engine evaluates. */
    public Rulebook rulebook() {
        return rulebook;
    }

    private static Obligation obligation(Rule rule, Deadline deadline) {
        DeadlineKind kind;
        java.time.Instant due = null;
        java.time.Instant target = null;
        if (deadline instanceof Deadline.Due d) {
            kind = DeadlineKind.FIXED;
            due = d.at();
        } else if (deadline instanceof Deadline.Open o) {
            kind = DeadlineKind.NO_FIXED_DEADLINE;
            target = o.target();
        } else if (deadline instanceof Deadline.Waiting) {
            kind = DeadlineKind.WAITING;
        } else {
            kind = DeadlineKind.TOLLED;
        }
        return new Obligation(rule.id(), rule.jurisdiction(), rule.recipient(), due, kind, target, deadline.basis(),
                rule.fullCitation(), rule.phase());
    }
}
