package org.breachline.obligation;

import java.time.Instant;
import java.util.UUID;

/** An obligation as stored for an incident, with the filing evidence once it is done. */
public record StoredObligation(long id, UUID incidentId, String ruleId, String phase, String jurisdiction,
                               String recipient, String deadlineKind, Instant dueAt, Instant targetAt, String basis,
                               String citation, String status, String reason, Instant fulfilledAt, String fulfilledBy,
                               String filingReference, String filingNote, Instant updatedAt) {

    String key() {
        return ruleId + "#" + phase;
    }

    boolean done() {
        return ObligationStatus.DONE.name().equals(status);
    }
}
