package org.breachline.audit;

import java.util.Map;

/** What is recorded about one write: who did which action to which record, with a few particulars. */
public record AuditEvent(String actor, String action, String recordType, String recordId, Map<String, ?> details) {
    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
