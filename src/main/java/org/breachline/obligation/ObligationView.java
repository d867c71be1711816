package org.breachline.obligation;

import java.time.Instant;
import java.util.Comparator;

/** An obligation as the API shows it; OVERDUE is derived from the deadline and the current time. */
public record ObligationView(long id, String ruleId, String phase, String jurisdiction, String recipient,
                             Instant dueAt, String deadlineKind, Instant targetAt, String basis, String citation,
                             ObligationStatus status, String reason, Filing filing) {

    /** The evidence of a filing. */
    public record Filing(Instant at, String by, String reference, String note) {
    }

    /** Open ones first, soonest due first (no deadline last), then done, then not required. */
    static final Comparator<ObligationView> SOONEST_FIRST = Comparator
            .comparingInt((ObligationView v) -> switch (v.status()) {
                case OVERDUE, PENDING -> 0;
                case DONE -> 1;
                case NOT_REQUIRED -> 2;
            })
            .thenComparing(ObligationView::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ObligationView::targetAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ObligationView::ruleId);

    static ObligationView of(StoredObligation o, Instant now) {
        ObligationStatus status = ObligationStatus.valueOf(o.status());
        if (status == ObligationStatus.PENDING && o.dueAt() != null && o.dueAt().isBefore(now)) {
            status = ObligationStatus.OVERDUE;
        }
        return new ObligationView(o.id(), o.ruleId(), o.phase().isEmpty() ? null : o.phase(), o.jurisdiction(),
                o.recipient(), o.dueAt(), o.deadlineKind(), o.targetAt(), o.basis(), o.citation(), status, o.reason(),
                o.done() ? new Filing(o.fulfilledAt(), o.fulfilledBy(), o.filingReference(), o.filingNote()) : null);
    }
}
