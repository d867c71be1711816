package org.breachline.obligation;

import org.breachline.incident.Incident;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One line of the on-call view: an open obligation with its incident and the time left (negative when overdue). */
public record DeadlineView(UUID incidentId, String incidentKey, String incidentTitle, String stage,
                           ObligationView obligation, Duration remaining) {
    static DeadlineView of(ObligationView o, Incident i, Instant now) {
        return new DeadlineView(i.id(), i.key(), i.facts().title(), i.stage().name(), o,
                Duration.between(now, o.dueAt()));
    }
}
