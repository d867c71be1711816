package org.breachline.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What an incident owes: its obligations soonest first (open-ended ones last), and the rules not required. */
public record Evaluation(List<Obligation> obligations, List<NotRequired> notRequired) {

    private static final Comparator<Obligation> SOONEST_FIRST = Comparator
            .comparing(Obligation::dueAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Obligation::targetAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(Obligation::ruleId);

    public Evaluation {
        obligations = obligations.stream().sorted(SOONEST_FIRST).toList();
        notRequired = notRequired.stream()
                .sorted(Comparator.comparing(NotRequired::jurisdiction).thenComparing(NotRequired::ruleId)).toList();
    }
}
